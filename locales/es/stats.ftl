# Estadísticas: etiquetas de las tablas y gráficos de resultados (content/stats/*.toml) y de su
# presentación. No escribas nunca cifras en estos textos: las cifras solo vienen de los archivos
# de datos, después de ocultar los números pequeños.


## Tables and charts (the other labels come from the theme)
stats-suppressed-footnote = «No se muestra»: la cifra es inferior a { $n }, o permitiría deducir una cifra inferior a { $n }. Ocultamos estas cifras para proteger la privacidad de las mujeres del proyecto.

## Shared labels
stats-source-win = Documento de capitalización del proyecto WIN (2021)
stats-country = País
stats-country-italy = Italia
stats-country-spain = España
stats-country-bulgaria = Bulgaria
stats-beneficiaries = Mujeres en el proyecto
stats-women-assessed = Mujeres evaluadas
stats-respondents = Mujeres que respondieron
stats-participants = Participantes
stats-participants-total = Participantes
stats-certificates = Certificados
stats-question = Pregunta
stats-service = Servicio
stats-course = Curso
stats-survey = Encuesta

## Women assessed and engaged (beneficiaries.toml)
stats-beneficiaries-title = Mujeres evaluadas y mujeres con un plan de integración personal
stats-beneficiaries-desc = En cada país, el número de mujeres evaluadas y cuántas de ellas acordaron un plan de integración personal.
stats-engaged-in-pip = Con un plan de integración personal

## Jobs and internships (employment.toml)
stats-employment-title = Empleo y prácticas remuneradas
stats-employment-desc = En cada país, cuántas mujeres tuvieron un empleo o unas prácticas remuneradas durante el proyecto y al final.
stats-employed-during = Empleo o prácticas remuneradas durante el proyecto
stats-employed-at-end = Trabajando al final
stats-employed-job-contract = Con contrato de trabajo
stats-employed-internship = En prácticas remuneradas

## Courses (courses.toml)
stats-courses-title = Cursos: participantes y certificados
stats-courses-desc = En cada curso, cuántas mujeres participaron y cuántas recibieron un certificado de asistencia.
stats-course-computer = Informática básica
stats-course-civic = Educación cívica y orientación
stats-course-language = Curso de idioma
stats-course-haccp = Higiene alimentaria (APPCC)
stats-course-safety-general = Seguridad laboral, formación general
stats-course-safety-high-risk = Seguridad laboral, módulo de riesgo alto
stats-course-waiting-staff = Camarera (individual, en el puesto de trabajo)
stats-course-kitchen-assistant = Ayudante de cocina (individual, en el puesto de trabajo)
stats-course-job-search = Búsqueda de empleo
stats-course-social-health-care = Atención sociosanitaria
stats-course-food-handling = Manipulación de alimentos
stats-course-hairdressing = Peluquería

## Satisfaction surveys (survey-*.toml)
stats-survey-midterm-title = Encuesta de satisfacción a mitad del proceso: las entrevistas y el plan
stats-survey-final-title = Encuesta de satisfacción final: las entrevistas y el plan
stats-survey-pip-desc = En cada pregunta y país, cuántas mujeres respondieron sí y cuántas en parte.
stats-q-understood = Durante las entrevistas, ¿entendiste lo que se te proponía?
stats-q-useful = ¿Te resultaron útiles las entrevistas?
stats-q-comfortable = ¿Te sentiste cómoda?
stats-q-plan-focus = ¿Te ayudó el plan a centrarte en tus objetivos personales?
stats-a-yes = Sí
stats-a-partly = En parte
stats-survey-midterm-goals-title = Encuesta a mitad del proceso: cuántos de los objetivos acordados creen haber alcanzado las mujeres
stats-survey-final-goals-title = Encuesta final: cuántos de los objetivos acordados creen haber alcanzado las mujeres
stats-survey-goals-desc = En cada país, cuántas mujeres respondieron todos, algunos o ninguno.
stats-a-goals-all = Todos
stats-a-goals-some = Algunos
stats-a-goals-none = Ninguno
stats-survey-midterm-services-title = Encuesta a mitad del proceso: satisfacción con los servicios
stats-survey-final-services-title = Encuesta final: satisfacción con los servicios
stats-survey-services-desc = En cada servicio y país, cuántas mujeres lo valoraron como bueno, suficiente o insuficiente, y cuántas no respondieron.
stats-service-skills-assessment = Evaluación de competencias
stats-service-laboratories = Talleres
stats-service-educational = Apoyo educativo
stats-service-social = Apoyo social
stats-service-legal = Apoyo jurídico
stats-service-psychological = Apoyo psicológico
stats-service-employment = Servicios de empleo
stats-service-training = Formación
stats-r-good = Bueno
stats-r-sufficient = Suficiente
stats-r-insufficient = Insuficiente
stats-r-no-response = Sin respuesta
stats-survey-recommend-title = ¿Recomendarías este proyecto a una amiga?
stats-survey-recommend-desc = En cada encuesta y país, cuántas mujeres dijeron que recomendarían el proyecto a una amiga.
stats-survey-midterm = Encuesta a mitad del proceso
stats-survey-final = Encuesta final
stats-a-would-recommend = Lo recomendaría

## Awareness-raising events (awareness-events.toml)
stats-awareness-title = Quién participó en las actividades de sensibilización
stats-awareness-desc = En la actividad de cada país, cuántas personas participantes venían de cada sector.
stats-sector-companies = Empresas
stats-sector-training = Entidades de formación
stats-sector-employment-services = Servicios de empleo e inserción laboral
stats-sector-temporary-agencies = Empresas de trabajo temporal
stats-sector-third-sector = Tercer sector y entidades sociales
stats-sector-freelancers = Profesionales autónomos
stats-sector-legal = Profesiones jurídicas
stats-sector-public = Instituciones públicas
stats-sector-other = Otros perfiles profesionales
stats-sector-undeclared = Sector no indicado
stats-answered-midterm = Respondieron a la encuesta intermedia
stats-answered-final = Respondieron a la encuesta final

## Short labels for table headers and chart legends (editors write them; without one the full label is used)
stats-beneficiaries-short = Mujeres
stats-engaged-in-pip-short = Con un plan
stats-answered-midterm-short = Respondieron (intermedia)
stats-answered-final-short = Respondieron (final)
stats-employed-during-short = Trabajaron durante el proyecto
stats-employed-job-contract-short = Contrato de trabajo
stats-employed-internship-short = Prácticas remuneradas
stats-respondents-short = Respondieron
stats-sector-employment-services-short = Servicios de empleo
stats-sector-third-sector-short = Tercer sector
stats-sector-temporary-agencies-short = Trabajo temporal
