# Interface strings of the default theme: buttons, menus, dates, the footer and the
# labels of statistics tables. A site replaces any of them by defining the same message in
# its own locales/LANG/ files (or this whole file with locales/LANG/theme.ftl).
choose-language = Read this site in English
skip-to-content = Skip to the main content
quick-exit = Leave this site
quick-exit-hint = Or press Shift three times.
safety-link = Staying safe online
draft-banner = Draft: this page is not published yet.
language-nav = Languages
main-nav = Main menu
menu-button = Menu
breadcrumb-nav = You are here
footer-nav = About this site
eu-emblem-alt = Flag of the European Union
eu-funded = Funded by the European Union
eu-disclaimer = This website was produced with funding from the European Union's Asylum, Migration and Integration Fund. Its content is the sole responsibility of the project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
footer-safety = Staying safe online
footer-accessibility = Accessibility
footer-privacy = Privacy
footer-contact = Contact
published = Published
updated = updated
contents = On this page
table-region = Table
in-this-section = In this section
latest-news = Latest from the campaign
tags = Tags
all-tags = All tags
tagged = Pages tagged “{ $term }”
pages-count = { $count ->
    [one] one page
   *[other] { $count } pages
}
not-found-title = Page not found
not-found-text = There is no page at this address. It may have moved, or the address may have a typo.
back-home = Go to the home page
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }
video-external = This video is on { $host }, a website outside this one. If you open it, { $host } can see that you watched it.
video-watch = Watch “{ $title }” on { $host }
percent = { $value }%

## Tables and charts
stats-suppressed = not shown
stats-suppressed-footnote = “Not shown”: the number is fewer than { $n }, or could be used to work out a number fewer than { $n }. We hide these numbers to protect the privacy of the people counted.
stats-missing = no data
stats-source = Source
stats-reference-date = Reference date
stats-download-csv = Download the data (CSV)
stats-total-row = Total
stats-percent-of = % of
stats-chart-desc = Bar chart. Each bar shows a number of people and its share; the same figures are in the table.
stats-show-table = Show the figures as a table
feed-title = Updates: { $section }
pagination-nav = Pages of this list
page-previous = Previous page
page-next = Next page

## Discreet titles ([safety] discreet_titles): a neutral name for <title>; sites write their own
site-title-discreet = Information

## Design: the header's short slogan beside the wordmark, and the note on missing figures
stats-missing-footnote = “No data”: the source does not give this figure.

## Search (templates/partials/search.html, static/js/search.js)
search-label = Search this site
search-button = Search
search-hint = What you type stays on this device: it is not sent anywhere or saved.
search-needs-js = Search needs JavaScript, which is off in this browser. Every page can be reached from the menu.
search-loading = Searching…
search-found = Pages found: { $count }
search-none = No page contains all these words. Try another word, or fewer words.
search-failed = Search is not available at the moment. Every page can be reached from the menu.
