# Labels of the statistics tables in content/stats/. Never put a figure in these texts:
# figures come only from the data files, after small numbers have been hidden.
stats-example-title = Ejemplo: personas que participaron en nuestros cursos
stats-example-desc = Para cada curso, cuántas personas participaron y cuántas lo completaron.
stats-example-source = Registros propios (cifras de ejemplo)
stats-example-activity = Curso
stats-example-people = Participantes
stats-example-completed = Completaron el curso
stats-example-language-course = Curso de idioma
stats-example-computer-course = Curso de informática
