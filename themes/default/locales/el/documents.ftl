# Έγγραφα για λήψη (PDF) και ο κατάλογος του αποθετηρίου.

## Σε κάθε PDF
documents-disclaimer = Το έγγραφο αυτό δημιουργήθηκε με χρηματοδότηση από το Ταμείο Ασύλου, Μετανάστευσης και Ένταξης της Ευρωπαϊκής Ένωσης. Για το περιεχόμενό του ευθύνονται αποκλειστικά οι εταίροι του έργου και δεν αντικατοπτρίζει απαραίτητα τις απόψεις της Ευρωπαϊκής Ένωσης. Η Ευρωπαϊκή Επιτροπή δεν ευθύνεται για οποιαδήποτε χρήση των πληροφοριών που περιέχει.
documents-short-link = Τελευταία έκδοση και άλλες γλώσσες:
documents-qr-alt = Κωδικός QR που ανοίγει τη διεύθυνση { $link }
documents-updated = Ενημέρωση: { $date }
documents-licence = Άδεια χρήσης: { $licence }
documents-page = Σελίδα { $page } από { $total }

## Ο κατάλογος του αποθετηρίου
documents-language = Γλώσσα
documents-other-languages = Άλλες γλώσσες
documents-format = Μορφή
documents-pages = Σελίδες
documents-size = Μέγεθος
documents-size-kb = { $value } KB
documents-size-mb = { $value } MB
documents-last-updated = Τελευταία ενημέρωση
documents-licence-label = Άδεια χρήσης
documents-short-link-label = Σύντομος σύνδεσμος
documents-download = Λήψη { $format }, { $size }, { $language }
documents-none = Δεν υπάρχουν ακόμη έγγραφα για λήψη.

## Σελίδες σύντομων συνδέσμων
documents-open = Άνοιγμα του εγγράφου
documents-tick-one = σημειώστε μία μόνο απάντηση

## Reports
documents-contents = Περιεχόμενα
documents-on-site = Στον ιστότοπο:
