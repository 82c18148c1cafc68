# Labels of the statistics tables in content/stats/. Never put a figure in these texts:
# figures come only from the data files, after small numbers have been hidden.
stats-example-title = Example: people who took part in our courses
stats-example-desc = For each course, how many people took part and how many completed it.
stats-example-source = Our own records (example figures)
stats-example-activity = Course
stats-example-people = People who took part
stats-example-completed = Completed the course
stats-example-language-course = Language course
stats-example-computer-course = Computer skills course
