# Statistiche: etichette delle tabelle e dei grafici dei risultati (content/stats/*.toml) e del
# loro rendering. Non scrivere mai cifre in questi testi: le cifre vengono solo dai file di dati,
# dopo che i numeri piccoli sono stati nascosti.


## Tables and charts (the other labels come from the theme)
stats-suppressed-footnote = «Non mostrato»: il numero è inferiore a { $n }, oppure permetterebbe di ricavare un numero inferiore a { $n }. Nascondiamo questi numeri per proteggere la riservatezza delle donne del progetto.

## Shared labels
stats-source-win = Documento di capitalizzazione del progetto WIN (2021)
stats-country = Paese
stats-country-italy = Italia
stats-country-spain = Spagna
stats-country-bulgaria = Bulgaria
stats-beneficiaries = Donne nel progetto
stats-women-assessed = Donne valutate
stats-respondents = Donne che hanno risposto
stats-participants = Partecipanti
stats-participants-total = Partecipanti
stats-certificates = Attestati
stats-question = Domanda
stats-service = Servizio
stats-course = Corso
stats-survey = Questionario

## Women assessed and engaged (beneficiaries.toml)
stats-beneficiaries-title = Donne valutate e donne con un piano di integrazione personale
stats-beneficiaries-desc = Per ogni paese, il numero di donne valutate e quante di loro hanno concordato un piano di integrazione personale.
stats-engaged-in-pip = Con un piano di integrazione personale

## Jobs and internships (employment.toml)
stats-employment-title = Lavoro e tirocini retribuiti
stats-employment-desc = Per ogni paese, quante donne hanno avuto un lavoro o un tirocinio retribuito durante il progetto e alla sua conclusione.
stats-employed-during = Lavoro o tirocinio retribuito durante il progetto
stats-employed-at-end = Occupate alla fine
stats-employed-job-contract = Con contratto di lavoro
stats-employed-internship = In tirocinio retribuito

## Courses (courses.toml)
stats-courses-title = Corsi: partecipanti e attestati
stats-courses-desc = Per ogni corso, quante donne hanno partecipato e quante hanno ricevuto un attestato di frequenza.
stats-course-computer = Informatica di base
stats-course-civic = Educazione civica e orientamento al territorio
stats-course-language = Corso di lingua
stats-course-haccp = Igiene alimentare (HACCP)
stats-course-safety-general = Sicurezza sul lavoro, formazione generale
stats-course-safety-high-risk = Sicurezza sul lavoro, modulo rischio alto
stats-course-waiting-staff = Cameriera (individuale, sul posto di lavoro)
stats-course-kitchen-assistant = Aiuto cuoca (individuale, sul posto di lavoro)
stats-course-job-search = Ricerca del lavoro
stats-course-social-health-care = Assistenza socio-sanitaria
stats-course-food-handling = Manipolazione degli alimenti
stats-course-hairdressing = Parrucchiera

## Satisfaction surveys (survey-*.toml)
stats-survey-midterm-title = Questionario di gradimento a metà percorso: i colloqui e il piano
stats-survey-final-title = Questionario di gradimento finale: i colloqui e il piano
stats-survey-pip-desc = Per ogni domanda e paese, quante donne hanno risposto sì e quante in parte.
stats-q-understood = Durante i colloqui, hai capito che cosa ti veniva proposto?
stats-q-useful = I colloqui ti sono stati utili?
stats-q-comfortable = Ti sei sentita a tuo agio?
stats-q-plan-focus = Il piano ti ha aiutata a mettere a fuoco i tuoi obiettivi personali?
stats-a-yes = Sì
stats-a-partly = In parte
stats-survey-midterm-goals-title = Questionario a metà percorso: quanti degli obiettivi concordati le donne pensano di aver raggiunto
stats-survey-final-goals-title = Questionario finale: quanti degli obiettivi concordati le donne pensano di aver raggiunto
stats-survey-goals-desc = Per ogni paese, quante donne hanno risposto tutti, alcuni o nessuno.
stats-a-goals-all = Tutti
stats-a-goals-some = Alcuni
stats-a-goals-none = Nessuno
stats-survey-midterm-services-title = Questionario a metà percorso: soddisfazione per i servizi
stats-survey-final-services-title = Questionario finale: soddisfazione per i servizi
stats-survey-services-desc = Per ogni servizio e paese, quante donne lo hanno giudicato buono, sufficiente o insufficiente, e quante non hanno risposto.
stats-service-skills-assessment = Bilancio delle competenze
stats-service-laboratories = Laboratori
stats-service-educational = Supporto educativo
stats-service-social = Supporto sociale
stats-service-legal = Supporto legale
stats-service-psychological = Supporto psicologico
stats-service-employment = Servizi per il lavoro
stats-service-training = Formazione
stats-r-good = Buono
stats-r-sufficient = Sufficiente
stats-r-insufficient = Insufficiente
stats-r-no-response = Nessuna risposta
stats-survey-recommend-title = Consiglieresti questo progetto a un'amica?
stats-survey-recommend-desc = Per ogni questionario e paese, quante donne hanno detto che consiglierebbero il progetto a un'amica.
stats-survey-midterm = Questionario a metà percorso
stats-survey-final = Questionario finale
stats-a-would-recommend = Lo consiglierebbe

## Awareness-raising events (awareness-events.toml)
stats-awareness-title = Chi ha partecipato agli eventi di sensibilizzazione
stats-awareness-desc = Per l'evento di ogni paese, quanti partecipanti provenivano da ciascun settore.
stats-sector-companies = Imprese
stats-sector-training = Enti di formazione
stats-sector-employment-services = Servizi per l'impiego e l'inserimento lavorativo
stats-sector-temporary-agencies = Agenzie per il lavoro interinale
stats-sector-third-sector = Terzo settore e organizzazioni sociali
stats-sector-freelancers = Liberi professionisti
stats-sector-legal = Professioni legali
stats-sector-public = Enti pubblici
stats-sector-other = Altre professioni
stats-sector-undeclared = Settore non indicato
stats-answered-midterm = Hanno risposto al questionario di metà percorso
stats-answered-final = Hanno risposto al questionario finale

## Short labels for table headers and chart legends (editors write them; without one the full label is used)
stats-beneficiaries-short = Donne
stats-engaged-in-pip-short = Con un piano
stats-answered-midterm-short = Risposte (metà percorso)
stats-answered-final-short = Risposte (finale)
stats-employed-during-short = Hanno lavorato durante il progetto
stats-employed-job-contract-short = Contratto di lavoro
stats-employed-internship-short = Tirocinio retribuito
stats-respondents-short = Risposte
stats-sector-employment-services-short = Servizi per l'impiego
stats-sector-third-sector-short = Terzo settore
stats-sector-temporary-agencies-short = Agenzie interinali
