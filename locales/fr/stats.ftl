# Statistiques : libellés des tableaux et graphiques de résultats (content/stats/*.toml) et de
# leur affichage. N'écrivez jamais de chiffres dans ces textes : les chiffres viennent uniquement
# des fichiers de données, une fois les petits nombres masqués.


## Tables and charts (the other labels come from the theme)
stats-suppressed-footnote = « Non affiché » : le nombre est inférieur à { $n }, ou permettrait de retrouver un nombre inférieur à { $n }. Nous masquons ces nombres pour protéger la vie privée des femmes du projet.

## Shared labels
stats-source-win = Document de capitalisation du projet WIN (2021)
stats-country = Pays
stats-country-italy = Italie
stats-country-spain = Espagne
stats-country-bulgaria = Bulgarie
stats-beneficiaries = Femmes dans le projet
stats-women-assessed = Femmes évaluées
stats-respondents = Femmes ayant répondu
stats-participants = Participantes
stats-participants-total = Participants
stats-certificates = Attestations
stats-question = Question
stats-service = Service
stats-course = Formation
stats-survey = Enquête

## Women assessed and engaged (beneficiaries.toml)
stats-beneficiaries-title = Femmes évaluées et femmes ayant un plan d'intégration personnalisé
stats-beneficiaries-desc = Pour chaque pays, le nombre de femmes évaluées et combien d'entre elles ont convenu d'un plan d'intégration personnalisé.
stats-engaged-in-pip = Avec un plan d'intégration personnalisé

## Jobs and internships (employment.toml)
stats-employment-title = Emplois et stages rémunérés
stats-employment-desc = Pour chaque pays, combien de femmes ont eu un emploi ou un stage rémunéré pendant le projet et à la fin.
stats-employed-during = Emploi ou stage rémunéré pendant le projet
stats-employed-at-end = En emploi à la fin
stats-employed-job-contract = Avec un contrat de travail
stats-employed-internship = En stage rémunéré

## Courses (courses.toml)
stats-courses-title = Formations : participantes et attestations
stats-courses-desc = Pour chaque formation, combien de femmes y ont participé et combien ont reçu une attestation de présence.
stats-course-computer = Informatique de base
stats-course-civic = Éducation civique et orientation
stats-course-language = Cours de langue
stats-course-haccp = Hygiène alimentaire (HACCP)
stats-course-safety-general = Sécurité au travail, formation générale
stats-course-safety-high-risk = Sécurité au travail, module risque élevé
stats-course-waiting-staff = Serveuse (individuelle, en situation de travail)
stats-course-kitchen-assistant = Aide de cuisine (individuelle, en situation de travail)
stats-course-job-search = Recherche d'emploi
stats-course-social-health-care = Aide sanitaire et sociale
stats-course-food-handling = Manipulation des aliments
stats-course-hairdressing = Coiffure

## Satisfaction surveys (survey-*.toml)
stats-survey-midterm-title = Enquête de satisfaction à mi-parcours : les entretiens et le plan
stats-survey-final-title = Enquête de satisfaction finale : les entretiens et le plan
stats-survey-pip-desc = Pour chaque question et chaque pays, combien de femmes ont répondu oui et combien en partie.
stats-q-understood = Pendant les entretiens, avez-vous compris ce qui vous était proposé ?
stats-q-useful = Les entretiens vous ont-ils été utiles ?
stats-q-comfortable = Vous êtes-vous sentie à l'aise ?
stats-q-plan-focus = Le plan vous a-t-il aidée à préciser vos objectifs personnels ?
stats-a-yes = Oui
stats-a-partly = En partie
stats-survey-midterm-goals-title = Enquête à mi-parcours : combien des objectifs convenus les femmes pensent avoir atteints
stats-survey-final-goals-title = Enquête finale : combien des objectifs convenus les femmes pensent avoir atteints
stats-survey-goals-desc = Pour chaque pays, combien de femmes ont répondu tous, certains ou aucun.
stats-a-goals-all = Tous
stats-a-goals-some = Certains
stats-a-goals-none = Aucun
stats-survey-midterm-services-title = Enquête à mi-parcours : satisfaction à l'égard des services
stats-survey-final-services-title = Enquête finale : satisfaction à l'égard des services
stats-survey-services-desc = Pour chaque service et chaque pays, combien de femmes l'ont jugé bon, suffisant ou insuffisant, et combien n'ont pas répondu.
stats-service-skills-assessment = Bilan de compétences
stats-service-laboratories = Ateliers
stats-service-educational = Soutien éducatif
stats-service-social = Soutien social
stats-service-legal = Soutien juridique
stats-service-psychological = Soutien psychologique
stats-service-employment = Services pour l'emploi
stats-service-training = Formation
stats-r-good = Bon
stats-r-sufficient = Suffisant
stats-r-insufficient = Insuffisant
stats-r-no-response = Pas de réponse
stats-survey-recommend-title = Recommanderiez-vous ce projet à une amie ?
stats-survey-recommend-desc = Pour chaque enquête et chaque pays, combien de femmes ont dit qu'elles recommanderaient le projet à une amie.
stats-survey-midterm = Enquête à mi-parcours
stats-survey-final = Enquête finale
stats-a-would-recommend = Le recommanderait

## Awareness-raising events (awareness-events.toml)
stats-awareness-title = Qui a participé aux actions de sensibilisation
stats-awareness-desc = Pour l'événement de chaque pays, combien de participants venaient de chaque secteur.
stats-sector-companies = Entreprises
stats-sector-training = Organismes de formation
stats-sector-employment-services = Services de l'emploi et d'insertion professionnelle
stats-sector-temporary-agencies = Agences d'intérim
stats-sector-third-sector = Secteur associatif et organisations sociales
stats-sector-freelancers = Travailleurs indépendants
stats-sector-legal = Professions juridiques
stats-sector-public = Institutions publiques
stats-sector-other = Autres professionnels
stats-sector-undeclared = Secteur non précisé
stats-answered-midterm = Ont répondu à l'enquête à mi-parcours
stats-answered-final = Ont répondu à l'enquête finale

## Short labels for table headers and chart legends (editors write them; without one the full label is used)
stats-beneficiaries-short = Femmes
stats-engaged-in-pip-short = Avec un plan
stats-answered-midterm-short = Réponses (mi-parcours)
stats-answered-final-short = Réponses (finale)
stats-employed-during-short = Ont travaillé pendant le projet
stats-employed-job-contract-short = Contrat de travail
stats-employed-internship-short = Stage rémunéré
stats-respondents-short = Réponses
stats-sector-employment-services-short = Services de l'emploi
stats-sector-third-sector-short = Secteur associatif
stats-sector-temporary-agencies-short = Agences d'intérim
