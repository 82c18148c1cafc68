# Downloadable documents (PDFs) and the repository listing, Bulgarian.

## In every PDF
documents-short-link = Последна версия и други езици:
documents-qr-alt = QR код, който отваря { $link }
documents-updated = Актуализирано на { $date }
documents-licence = Лиценз: { $licence }
documents-page = Страница { $page } от { $total }

## The repository listing
documents-language = Език
documents-other-languages = Други езици
documents-format = Формат
documents-pages = Страници
documents-size = Размер
documents-size-kb = { $value } КБ
documents-size-mb = { $value } МБ
documents-last-updated = Последна актуализация
documents-licence-label = Лиценз
documents-short-link-label = Кратка връзка
documents-download = Изтеглете { $format }, { $size }, { $language }
documents-none = Все още няма документи за изтегляне.

## Short-link pages
documents-open = Отворете документа
documents-tick-one = отбележете само един отговор

## Reports
documents-contents = Съдържание
documents-on-site = На уебсайта:
