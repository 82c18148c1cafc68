# Labels of the statistics tables in content/stats/. Never put a figure in these texts:
# figures come only from the data files, after small numbers have been hidden.
stats-example-title = Esempio: persone che hanno partecipato ai nostri corsi
stats-example-desc = Per ogni corso, quante persone hanno partecipato e quante lo hanno completato.
stats-example-source = Nostri dati (cifre di esempio)
stats-example-activity = Corso
stats-example-people = Partecipanti
stats-example-completed = Hanno completato il corso
stats-example-language-course = Corso di lingua
stats-example-computer-course = Corso di informatica
