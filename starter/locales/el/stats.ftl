# Labels of the statistics tables in content/stats/. Never put a figure in these texts:
# figures come only from the data files, after small numbers have been hidden.
stats-example-title = Παράδειγμα: άτομα που συμμετείχαν στα μαθήματά μας
stats-example-desc = Για κάθε μάθημα, πόσα άτομα συμμετείχαν και πόσα το ολοκλήρωσαν.
stats-example-source = Δικά μας στοιχεία (αριθμοί-παράδειγμα)
stats-example-activity = Μάθημα
stats-example-people = Συμμετέχοντες
stats-example-completed = Ολοκλήρωσαν το μάθημα
stats-example-language-course = Μάθημα γλώσσας
stats-example-computer-course = Μάθημα υπολογιστών
