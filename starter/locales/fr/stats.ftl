# Labels of the statistics tables in content/stats/. Never put a figure in these texts:
# figures come only from the data files, after small numbers have been hidden.
stats-example-title = Exemple : personnes ayant participé à nos formations
stats-example-desc = Pour chaque formation, combien de personnes y ont participé et combien l'ont terminée.
stats-example-source = Nos propres données (chiffres d'exemple)
stats-example-activity = Formation
stats-example-people = Participants
stats-example-completed = Ont terminé la formation
stats-example-language-course = Cours de langue
stats-example-computer-course = Formation en informatique
