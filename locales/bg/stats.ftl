# Statistics: labels of the outcome tables and charts (content/stats/*.toml) and of their
# renderer, Bulgarian. Never put a figure in these texts: figures come only from the data
# files, after small numbers have been hidden.


## Tables and charts
stats-suppressed = не се показва
stats-suppressed-footnote = „Не се показва“: числото е по-малко от { $n } или може да послужи за изчисляване на число, по-малко от { $n }. Скриваме тези числа, за да защитим личния живот на жените в проекта.
stats-missing = няма данни
stats-source = Източник
stats-reference-date = Референтна дата
stats-download-csv = Изтеглете данните (CSV)
stats-total-row = Общо
stats-percent-of = % от
stats-chart-desc = Стълбовидна диаграма. Всеки стълб показва брой хора и техния дял; същите числа са в таблицата.
stats-show-table = Покажете числата като таблица

## Shared labels
stats-source-win = Документ за капитализиране на опита от проекта WIN (2021)
stats-country = Държава
stats-country-italy = Италия
stats-country-spain = Испания
stats-country-bulgaria = България
stats-beneficiaries = Жени в проекта
stats-women-assessed = Жени с извършена оценка
stats-respondents = Жени, които отговориха
stats-participants = Участници
stats-participants-total = Участници
stats-certificates = Удостоверения
stats-question = Въпрос
stats-service = Услуга
stats-course = Курс
stats-survey = Проучване

## Women assessed and engaged (beneficiaries.toml)
stats-beneficiaries-title = Жени с извършена оценка и жени с индивидуален план за интеграция
stats-beneficiaries-desc = За всяка държава: броят на жените, за които е извършена оценка, и колко от тях са съгласували индивидуален план за интеграция.
stats-engaged-in-pip = С индивидуален план за интеграция

## Jobs and internships (employment.toml)
stats-employment-title = Работа и платени стажове
stats-employment-desc = За всяка държава: колко жени са имали работа или платен стаж по време на проекта и при неговото приключване.
stats-employed-during = Работа или платен стаж по време на проекта
stats-employed-at-end = На работа при приключването
stats-employed-job-contract = С трудов договор
stats-employed-internship = На платен стаж

## Courses (courses.toml)
stats-courses-title = Курсове: участници и удостоверения
stats-courses-desc = За всеки курс: колко жени са участвали и колко са получили удостоверение за участие.
stats-course-computer = Основни компютърни умения
stats-course-civic = Гражданско обучение и ориентиране
stats-course-language = Езиков курс
stats-course-haccp = Хигиена на храните (HACCP)
stats-course-safety-general = Безопасност на труда, общо обучение
stats-course-safety-high-risk = Безопасност на труда, модул за висок риск
stats-course-waiting-staff = Сервитьорство (индивидуално, на работното място)
stats-course-kitchen-assistant = Помощник в кухня (индивидуално, на работното място)
stats-course-job-search = Търсене на работа
stats-course-social-health-care = Социални и здравни грижи
stats-course-food-handling = Работа с храни
stats-course-hairdressing = Фризьорство

## Satisfaction surveys (survey-*.toml)
stats-survey-midterm-title = Междинно проучване на удовлетвореността: срещите и планът
stats-survey-final-title = Заключително проучване на удовлетвореността: срещите и планът
stats-survey-pip-desc = За всеки въпрос и държава: колко жени са отговорили „да“ и колко „отчасти“.
stats-q-understood = По време на срещите разбирахте ли какво ви се предлага?
stats-q-useful = Бяха ли срещите полезни за вас?
stats-q-comfortable = Чувствахте ли се спокойно?
stats-q-plan-focus = Помогна ли ви планът да се съсредоточите върху личните си цели?
stats-a-yes = Да
stats-a-partly = Отчасти
stats-survey-midterm-goals-title = Междинно проучване: колко от договорените цели жените смятат, че са постигнали
stats-survey-final-goals-title = Заключително проучване: колко от договорените цели жените смятат, че са постигнали
stats-survey-goals-desc = За всяка държава: колко жени са отговорили „всички“, „някои“ или „нито една“.
stats-a-goals-all = Всички
stats-a-goals-some = Някои
stats-a-goals-none = Нито една
stats-survey-midterm-services-title = Междинно проучване: удовлетвореност от услугите
stats-survey-final-services-title = Заключително проучване: удовлетвореност от услугите
stats-survey-services-desc = За всяка услуга и държава: колко жени са я оценили като добра, задоволителна или незадоволителна и колко не са отговорили.
stats-service-skills-assessment = Оценка на уменията
stats-service-laboratories = Работилници
stats-service-educational = Образователна подкрепа
stats-service-social = Социална подкрепа
stats-service-legal = Правна подкрепа
stats-service-psychological = Психологическа подкрепа
stats-service-employment = Услуги по заетостта
stats-service-training = Обучение
stats-r-good = Добра
stats-r-sufficient = Задоволителна
stats-r-insufficient = Незадоволителна
stats-r-no-response = Без отговор
stats-survey-recommend-title = Бихте ли препоръчали този проект на приятелка?
stats-survey-recommend-desc = За всяко проучване и държава: колко жени са казали, че биха препоръчали проекта на приятелка.
stats-survey-midterm = Междинно проучване
stats-survey-final = Заключително проучване
stats-a-would-recommend = Биха го препоръчали

## Awareness-raising events (awareness-events.toml)
stats-awareness-title = Кой участва в информационните събития
stats-awareness-desc = За събитието във всяка държава: колко участници е имало от всеки сектор.
stats-sector-companies = Фирми
stats-sector-training = Обучителни организации
stats-sector-employment-services = Услуги по заетостта и трудово посредничество
stats-sector-temporary-agencies = Агенции за временна заетост
stats-sector-third-sector = Трети сектор и социални организации
stats-sector-freelancers = Самонаети лица
stats-sector-legal = Юридически професии
stats-sector-public = Публични институции
stats-sector-other = Други специалисти
stats-sector-undeclared = Без посочен сектор
stats-answered-midterm = Отговорили на междинното проучване
stats-answered-final = Отговорили на заключителното проучване

## Note on missing figures (shown once per page)
stats-missing-footnote = „Няма данни“: източникът не дава тази стойност.

## Short labels for table headers and chart legends (editors write them; without one the full label is used)
stats-beneficiaries-short = Жени
stats-engaged-in-pip-short = С план
stats-answered-midterm-short = Отговорили (междинно)
stats-answered-final-short = Отговорили (заключително)
stats-employed-during-short = Работили по време на проекта
stats-employed-job-contract-short = Трудов договор
stats-employed-internship-short = Платен стаж
stats-respondents-short = Отговорили
stats-sector-employment-services-short = Услуги по заетостта
stats-sector-third-sector-short = Трети сектор
stats-sector-temporary-agencies-short = Агенции за временна заетост
