# Interface strings of the default theme, English (the default language).
site-title = WIN: work and a new start after trafficking
choose-language = Read this site in English
skip-to-content = Skip to the main content
quick-exit = Leave this site
quick-exit-hint = Or press Shift three times.
safety-link = Staying safe online
draft-banner = Draft: this page is not published yet.
language-nav = Languages
main-nav = Main menu
breadcrumb-nav = You are here
footer-nav = About this site
eu-emblem-alt = Flag of the European Union
eu-funded = Funded by the European Union
eu-disclaimer = This website was produced with funding from the European Union's Asylum, Migration and Integration Fund. Its content is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
footer-safety = Staying safe online
footer-accessibility = Accessibility
footer-privacy = Privacy
footer-contact = Contact
published = Published
updated = updated
contents = On this page
in-this-section = In this section
sections = Explore the site
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
