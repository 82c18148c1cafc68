# Interface strings of the default theme: buttons, menus, dates, the footer and the
# labels of statistics tables. A site replaces any of them by defining the same message in
# its own locales/LANG/ files (or this whole file with locales/LANG/theme.ftl).
# Κείμενα διεπαφής του προεπιλεγμένου θέματος, ελληνικά.
choose-language = Διαβάστε τον ιστότοπο στα ελληνικά
skip-to-content = Μετάβαση στο κύριο περιεχόμενο
quick-exit = Γρήγορη έξοδος
quick-exit-hint = Ή πατήστε τρεις φορές το πλήκτρο Shift.
safety-link = Ασφαλής περιήγηση
draft-banner = Πρόχειρο: αυτή η σελίδα δεν έχει δημοσιευθεί ακόμη.
language-nav = Γλώσσες
main-nav = Κύριο μενού
menu-button = Μενού
breadcrumb-nav = Βρίσκεστε εδώ
footer-nav = Σχετικά με τον ιστότοπο
eu-emblem-alt = Σημαία της Ευρωπαϊκής Ένωσης
eu-funded = Χρηματοδοτείται από την Ευρωπαϊκή Ένωση
eu-disclaimer = Ο ιστότοπος αυτός δημιουργήθηκε με χρηματοδότηση από το Ταμείο Ασύλου, Μετανάστευσης και Ένταξης της Ευρωπαϊκής Ένωσης. Για το περιεχόμενό του ευθύνονται αποκλειστικά οι εταίροι του έργου και δεν αντικατοπτρίζει απαραίτητα τις απόψεις της Ευρωπαϊκής Ένωσης. Η Ευρωπαϊκή Επιτροπή δεν ευθύνεται για οποιαδήποτε χρήση των πληροφοριών που περιέχει.
footer-safety = Ασφαλής περιήγηση
footer-accessibility = Προσβασιμότητα
footer-privacy = Απόρρητο
footer-contact = Επικοινωνία
published = Δημοσιεύθηκε στις
updated = ενημερώθηκε στις
contents = Σε αυτή τη σελίδα
table-region = Πίνακας
in-this-section = Σε αυτή την ενότητα
latest-news = Τα τελευταία νέα της εκστρατείας
tags = Ετικέτες
all-tags = Όλες οι ετικέτες
tagged = Σελίδες με την ετικέτα «{ $term }»
pages-count = { $count ->
    [one] μία σελίδα
   *[other] { $count } σελίδες
}
not-found-title = Η σελίδα δεν βρέθηκε
not-found-text = Δεν υπάρχει σελίδα σε αυτή τη διεύθυνση. Μπορεί να έχει μετακινηθεί ή η διεύθυνση να περιέχει λάθος.
back-home = Μετάβαση στην αρχική σελίδα
month-1 = Ιανουαρίου
month-2 = Φεβρουαρίου
month-3 = Μαρτίου
month-4 = Απριλίου
month-5 = Μαΐου
month-6 = Ιουνίου
month-7 = Ιουλίου
month-8 = Αυγούστου
month-9 = Σεπτεμβρίου
month-10 = Οκτωβρίου
month-11 = Νοεμβρίου
month-12 = Δεκεμβρίου
date-long = { $day } { $month } { $year }
video-external = Αυτό το βίντεο βρίσκεται στο { $host }, έναν ιστότοπο εκτός αυτού. Αν το ανοίξετε, το { $host } μπορεί να γνωρίζει ότι το παρακολουθήσατε.
video-watch = Δείτε το «{ $title }» στο { $host }
percent = { $value }%

## Tables and charts
stats-suppressed = δεν εμφανίζεται
stats-suppressed-footnote = «Δεν εμφανίζεται»: ο αριθμός είναι μικρότερος από { $n } ή θα επέτρεπε να υπολογιστεί ένας αριθμός μικρότερος από { $n }. Αποκρύπτουμε αυτούς τους αριθμούς για να προστατεύσουμε την ιδιωτικότητα των ατόμων που καταμετρήθηκαν.
stats-missing = χωρίς στοιχεία
stats-source = Πηγή
stats-reference-date = Ημερομηνία αναφοράς
stats-download-csv = Λήψη των δεδομένων (CSV)
stats-total-row = Σύνολο
stats-percent-of = % επί
stats-chart-desc = Ραβδόγραμμα. Κάθε ράβδος δείχνει έναν αριθμό ατόμων και το ποσοστό του· οι ίδιοι αριθμοί υπάρχουν στον πίνακα.
stats-show-table = Εμφάνιση των αριθμών σε πίνακα
feed-title = Ενημερώσεις: { $section }
pagination-nav = Σελίδες της λίστας
page-previous = Προηγούμενη σελίδα
page-next = Επόμενη σελίδα

## Discreet titles ([safety] discreet_titles): a neutral name for <title>; sites write their own
site-title-discreet = Πληροφορίες

## Design: the header's short slogan beside the wordmark, and the note on missing figures
stats-missing-footnote = «Χωρίς στοιχεία»: η πηγή δεν δίνει αυτόν τον αριθμό.

## Search (templates/partials/search.html, static/js/search.js)
search-label = Αναζήτηση στον ιστότοπο
search-button = Αναζήτηση
search-hint = Ό,τι πληκτρολογείτε μένει σε αυτή τη συσκευή: δεν αποστέλλεται πουθενά και δεν αποθηκεύεται.
search-needs-js = Η αναζήτηση χρειάζεται JavaScript, που είναι απενεργοποιημένη σε αυτό το πρόγραμμα περιήγησης. Όλες οι σελίδες είναι διαθέσιμες από το μενού.
search-loading = Γίνεται αναζήτηση…
search-found = Σελίδες που βρέθηκαν: { $count }
search-none = Καμία σελίδα δεν περιέχει όλες αυτές τις λέξεις. Δοκιμάστε άλλη λέξη ή λιγότερες λέξεις.
search-failed = Η αναζήτηση δεν είναι διαθέσιμη αυτή τη στιγμή. Όλες οι σελίδες είναι διαθέσιμες από το μενού.
