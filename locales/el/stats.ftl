# Στατιστικά: ετικέτες των πινάκων και γραφημάτων αποτελεσμάτων (content/stats/*.toml) και της
# εμφάνισής τους. Μη γράφετε ποτέ αριθμούς σε αυτά τα κείμενα: οι αριθμοί προέρχονται μόνο από
# τα αρχεία δεδομένων, αφού κρυφτούν οι μικροί αριθμοί.


## Tables and charts (the other labels come from the theme)
stats-suppressed-footnote = «Δεν εμφανίζεται»: ο αριθμός είναι μικρότερος από { $n } ή θα επέτρεπε να υπολογιστεί ένας αριθμός μικρότερος από { $n }. Αποκρύπτουμε αυτούς τους αριθμούς για να προστατεύσουμε την ιδιωτικότητα των γυναικών του έργου.

## Shared labels
stats-source-win = Έγγραφο κεφαλαιοποίησης του έργου WIN (2021)
stats-country = Χώρα
stats-country-italy = Ιταλία
stats-country-spain = Ισπανία
stats-country-bulgaria = Βουλγαρία
stats-beneficiaries = Γυναίκες στο έργο
stats-women-assessed = Γυναίκες που αξιολογήθηκαν
stats-respondents = Γυναίκες που απάντησαν
stats-participants = Συμμετέχουσες
stats-participants-total = Συμμετέχοντες
stats-certificates = Βεβαιώσεις
stats-question = Ερώτηση
stats-service = Υπηρεσία
stats-course = Μάθημα
stats-survey = Έρευνα

## Women assessed and engaged (beneficiaries.toml)
stats-beneficiaries-title = Γυναίκες που αξιολογήθηκαν και γυναίκες με εξατομικευμένο σχέδιο ένταξης
stats-beneficiaries-desc = Για κάθε χώρα, πόσες γυναίκες αξιολογήθηκαν και πόσες από αυτές συμφώνησαν ένα εξατομικευμένο σχέδιο ένταξης.
stats-engaged-in-pip = Με εξατομικευμένο σχέδιο ένταξης

## Jobs and internships (employment.toml)
stats-employment-title = Εργασία και αμειβόμενη πρακτική άσκηση
stats-employment-desc = Για κάθε χώρα, πόσες γυναίκες είχαν εργασία ή αμειβόμενη πρακτική άσκηση κατά τη διάρκεια του έργου και στο τέλος του.
stats-employed-during = Εργασία ή αμειβόμενη πρακτική κατά τη διάρκεια του έργου
stats-employed-at-end = Εργαζόμενες στο τέλος
stats-employed-job-contract = Με σύμβαση εργασίας
stats-employed-internship = Σε αμειβόμενη πρακτική άσκηση

## Courses (courses.toml)
stats-courses-title = Μαθήματα: συμμετοχές και βεβαιώσεις
stats-courses-desc = Για κάθε μάθημα, πόσες γυναίκες συμμετείχαν και πόσες πήραν βεβαίωση παρακολούθησης.
stats-course-computer = Βασικές δεξιότητες υπολογιστή
stats-course-civic = Αγωγή του πολίτη και προσανατολισμός
stats-course-language = Μάθημα γλώσσας
stats-course-haccp = Υγιεινή τροφίμων (HACCP)
stats-course-safety-general = Ασφάλεια στην εργασία, γενική εκπαίδευση
stats-course-safety-high-risk = Ασφάλεια στην εργασία, ενότητα υψηλού κινδύνου
stats-course-waiting-staff = Σερβιτόρα (ατομικό, στον χώρο εργασίας)
stats-course-kitchen-assistant = Βοηθός κουζίνας (ατομικό, στον χώρο εργασίας)
stats-course-job-search = Αναζήτηση εργασίας
stats-course-social-health-care = Κοινωνική και υγειονομική φροντίδα
stats-course-food-handling = Χειρισμός τροφίμων
stats-course-hairdressing = Κομμωτική

## Satisfaction surveys (survey-*.toml)
stats-survey-midterm-title = Έρευνα ικανοποίησης στα μισά της διαδρομής: οι συνεντεύξεις και το σχέδιο
stats-survey-final-title = Τελική έρευνα ικανοποίησης: οι συνεντεύξεις και το σχέδιο
stats-survey-pip-desc = Για κάθε ερώτηση και χώρα, πόσες γυναίκες απάντησαν ναι και πόσες εν μέρει.
stats-q-understood = Κατά τις συνεντεύξεις, κατάλαβες τι σου προτεινόταν;
stats-q-useful = Σου φάνηκαν χρήσιμες οι συνεντεύξεις;
stats-q-comfortable = Ένιωσες άνετα;
stats-q-plan-focus = Σε βοήθησε το σχέδιο να εστιάσεις στους προσωπικούς σου στόχους;
stats-a-yes = Ναι
stats-a-partly = Εν μέρει
stats-survey-midterm-goals-title = Έρευνα στα μισά της διαδρομής: πόσους από τους συμφωνημένους στόχους πιστεύουν οι γυναίκες ότι πέτυχαν
stats-survey-final-goals-title = Τελική έρευνα: πόσους από τους συμφωνημένους στόχους πιστεύουν οι γυναίκες ότι πέτυχαν
stats-survey-goals-desc = Για κάθε χώρα, πόσες γυναίκες απάντησαν όλους, κάποιους ή κανέναν.
stats-a-goals-all = Όλους
stats-a-goals-some = Κάποιους
stats-a-goals-none = Κανέναν
stats-survey-midterm-services-title = Έρευνα στα μισά της διαδρομής: ικανοποίηση από τις υπηρεσίες
stats-survey-final-services-title = Τελική έρευνα: ικανοποίηση από τις υπηρεσίες
stats-survey-services-desc = Για κάθε υπηρεσία και χώρα, πόσες γυναίκες την έκριναν καλή, επαρκή ή ανεπαρκή και πόσες δεν απάντησαν.
stats-service-skills-assessment = Αξιολόγηση δεξιοτήτων
stats-service-laboratories = Εργαστήρια
stats-service-educational = Εκπαιδευτική υποστήριξη
stats-service-social = Κοινωνική υποστήριξη
stats-service-legal = Νομική υποστήριξη
stats-service-psychological = Ψυχολογική υποστήριξη
stats-service-employment = Υπηρεσίες απασχόλησης
stats-service-training = Κατάρτιση
stats-r-good = Καλή
stats-r-sufficient = Επαρκής
stats-r-insufficient = Ανεπαρκής
stats-r-no-response = Χωρίς απάντηση
stats-survey-recommend-title = Θα πρότεινες αυτό το έργο σε μια φίλη;
stats-survey-recommend-desc = Για κάθε έρευνα και χώρα, πόσες γυναίκες είπαν ότι θα πρότειναν το έργο σε μια φίλη.
stats-survey-midterm = Έρευνα στα μισά της διαδρομής
stats-survey-final = Τελική έρευνα
stats-a-would-recommend = Θα το πρότεινε

## Awareness-raising events (awareness-events.toml)
stats-awareness-title = Ποιοι συμμετείχαν στις δράσεις ευαισθητοποίησης
stats-awareness-desc = Για την εκδήλωση κάθε χώρας, πόσοι συμμετέχοντες προέρχονταν από κάθε τομέα.
stats-sector-companies = Επιχειρήσεις
stats-sector-training = Φορείς κατάρτισης
stats-sector-employment-services = Υπηρεσίες απασχόλησης και εργασιακής ένταξης
stats-sector-temporary-agencies = Εταιρείες προσωρινής απασχόλησης
stats-sector-third-sector = Τρίτος τομέας και κοινωνικοί φορείς
stats-sector-freelancers = Ελεύθεροι επαγγελματίες
stats-sector-legal = Νομικά επαγγέλματα
stats-sector-public = Δημόσιοι φορείς
stats-sector-other = Άλλοι επαγγελματίες
stats-sector-undeclared = Δεν δηλώθηκε τομέας
stats-answered-midterm = Απάντησαν στην ενδιάμεση έρευνα
stats-answered-final = Απάντησαν στην τελική έρευνα

## Short labels for table headers and chart legends (editors write them; without one the full label is used)
stats-beneficiaries-short = Γυναίκες
stats-engaged-in-pip-short = Με σχέδιο
stats-answered-midterm-short = Απάντησαν (ενδιάμεση)
stats-answered-final-short = Απάντησαν (τελική)
stats-employed-during-short = Εργάστηκαν κατά τη διάρκεια του έργου
stats-employed-job-contract-short = Σύμβαση εργασίας
stats-employed-internship-short = Αμειβόμενη πρακτική
stats-respondents-short = Απάντησαν
stats-sector-employment-services-short = Υπηρεσίες απασχόλησης
stats-sector-third-sector-short = Τρίτος τομέας
stats-sector-temporary-agencies-short = Προσωρινή απασχόληση
