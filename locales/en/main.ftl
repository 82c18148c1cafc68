# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: work and a new start after trafficking
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Funded by the European Union's Asylum, Migration and Integration Fund
eu-disclaimer = The WIN project was funded by the European Union's Asylum, Migration and Integration Fund (AMIF). The content of this website is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
documents-disclaimer = The WIN project was funded by the European Union's Asylum, Migration and Integration Fund (AMIF). The content of this document is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.

## Discreet titles and contacts (issue 16)
site-title-discreet = WIN: work and a new start
site-description-discreet = Work, training and a new start: information from the WIN project, in six languages.
contacts-emergency = In an emergency, call { $number }. The call is free and works in every country of the European Union, from any phone, at any time.
contacts-national = This site has no helpline of its own. Each EU country has an official national contact against trafficking in human beings; the European Commission lists them on its anti-trafficking website.
contacts-no-details = The project's records give no phone number, email address or street address for these organisations, so this site shows none. To reach one of them, use the contact details the organisation publishes itself.
contacts-website = Website
contacts-email = Email

# The short slogan beside the site's wordmark (static/wordmark.svg) in the header.
brand-tagline = Work and a new start
