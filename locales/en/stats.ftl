# Statistics: labels of the outcome tables and charts (content/stats/*.toml) and of their
# renderer. Never put a figure in these texts: figures come only from the data files, after
# small numbers have been hidden.


## Tables and charts (the other labels come from the theme)
stats-suppressed-footnote = “Not shown”: the number is fewer than { $n }, or could be used to work out a number fewer than { $n }. We hide these numbers to protect the privacy of the women in the project.

## Shared labels
stats-source-win = WIN project capitalisation document (2021)
stats-country = Country
stats-country-italy = Italy
stats-country-spain = Spain
stats-country-bulgaria = Bulgaria
stats-beneficiaries = Women in the project
stats-women-assessed = Women assessed
stats-respondents = Women who answered
stats-participants = Participants
stats-participants-total = Participants
stats-certificates = Certificates
stats-question = Question
stats-service = Service
stats-course = Course
stats-survey = Survey

## Women assessed and engaged (beneficiaries.toml)
stats-beneficiaries-title = Women assessed and women with a personal integration plan
stats-beneficiaries-desc = For each country, the number of women assessed and how many of them agreed a personal integration plan.
stats-engaged-in-pip = With a personal integration plan

## Jobs and internships (employment.toml)
stats-employment-title = Jobs and paid internships
stats-employment-desc = For each country, how many women had a job or a paid internship during the project and at its end.
stats-employed-during = Job or paid internship during the project
stats-employed-at-end = In work at the end
stats-employed-job-contract = With a job contract
stats-employed-internship = In a paid internship

## Courses (courses.toml)
stats-courses-title = Courses: participants and certificates
stats-courses-desc = For each course, how many women took part and how many received an attendance certificate.
stats-course-computer = Basic computer skills
stats-course-civic = Civic education and orientation
stats-course-language = Language course
stats-course-haccp = Food hygiene (HACCP)
stats-course-safety-general = Workplace safety, general training
stats-course-safety-high-risk = Workplace safety, high-risk module
stats-course-waiting-staff = Waiting staff (individual, on the job)
stats-course-kitchen-assistant = Kitchen assistant (individual, on the job)
stats-course-job-search = Job search
stats-course-social-health-care = Social and health care
stats-course-food-handling = Food handling
stats-course-hairdressing = Hairdressing

## Satisfaction surveys (survey-*.toml)
stats-survey-midterm-title = Halfway satisfaction survey: the interviews and the plan
stats-survey-final-title = Final satisfaction survey: the interviews and the plan
stats-survey-pip-desc = For each question and country, how many women answered yes and how many answered partly.
stats-q-understood = During the interviews, did you understand what was being proposed to you?
stats-q-useful = Did you find the interviews useful?
stats-q-comfortable = Did you feel comfortable?
stats-q-plan-focus = Did the plan help you focus on your personal goals?
stats-a-yes = Yes
stats-a-partly = Partly
stats-survey-midterm-goals-title = Halfway survey: how many of the agreed goals the women think they reached
stats-survey-final-goals-title = Final survey: how many of the agreed goals the women think they reached
stats-survey-goals-desc = For each country, how many women answered all of them, some or none.
stats-a-goals-all = All of them
stats-a-goals-some = Some
stats-a-goals-none = None
stats-survey-midterm-services-title = Halfway survey: satisfaction with the services
stats-survey-final-services-title = Final survey: satisfaction with the services
stats-survey-services-desc = For each service and country, how many women rated it good, sufficient or insufficient, and how many did not answer.
stats-service-skills-assessment = Skills assessment
stats-service-laboratories = Workshops
stats-service-educational = Educational support
stats-service-social = Social support
stats-service-legal = Legal support
stats-service-psychological = Psychological support
stats-service-employment = Employment services
stats-service-training = Training
stats-r-good = Good
stats-r-sufficient = Sufficient
stats-r-insufficient = Insufficient
stats-r-no-response = No answer
stats-survey-recommend-title = Would you recommend this project to a friend?
stats-survey-recommend-desc = For each survey and country, how many women said they would recommend the project to a friend.
stats-survey-midterm = Halfway survey
stats-survey-final = Final survey
stats-a-would-recommend = Would recommend it

## Awareness-raising events (awareness-events.toml)
stats-awareness-title = Who took part in the awareness-raising events
stats-awareness-desc = For each country's event, how many participants came from each sector.
stats-sector-companies = Companies
stats-sector-training = Training providers
stats-sector-employment-services = Employment and job placement services
stats-sector-temporary-agencies = Temporary work agencies
stats-sector-third-sector = Third sector and social organisations
stats-sector-freelancers = Freelancers
stats-sector-legal = Legal professions
stats-sector-public = Public institutions
stats-sector-other = Other professionals
stats-sector-undeclared = Sector not given
stats-answered-midterm = Answered the halfway survey
stats-answered-final = Answered the final survey

## Short labels for table headers and chart legends (editors write them; without one the full label is used)
stats-beneficiaries-short = Women
stats-engaged-in-pip-short = With a plan
stats-answered-midterm-short = Answered (halfway)
stats-answered-final-short = Answered (final)
stats-employed-during-short = Worked during the project
stats-employed-job-contract-short = Job contract
stats-employed-internship-short = Paid internship
stats-respondents-short = Answered
stats-sector-employment-services-short = Job services
stats-sector-third-sector-short = Third sector
stats-sector-temporary-agencies-short = Temp agencies
