# Downloadable documents (PDFs) and the repository listing.

## In every PDF
documents-disclaimer = This document was produced with funding from the European Union's Asylum, Migration and Integration Fund. Its content is the sole responsibility of the project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
documents-short-link = Latest version and other languages:
documents-qr-alt = QR code that opens { $link }
documents-updated = Updated { $date }
documents-licence = Licence: { $licence }
documents-page = Page { $page } of { $total }

## The repository listing
documents-language = Language
documents-other-languages = Other languages
documents-format = Format
documents-pages = Pages
documents-size = Size
documents-size-kb = { $value } KB
documents-size-mb = { $value } MB
documents-last-updated = Last updated
documents-licence-label = Licence
documents-short-link-label = Short link
documents-download = Download { $format }, { $size }, { $language }
documents-none = There are no documents to download yet.

## Short-link pages
documents-open = Open the document
documents-tick-one = tick one

## Reports
documents-contents = Contents
documents-on-site = On the website:
