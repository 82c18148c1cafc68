# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: work and a new start after trafficking
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Funded by the European Union's Asylum, Migration and Integration Fund
eu-disclaimer = The WIN project was funded by the European Union's Asylum, Migration and Integration Fund (AMIF). The content of this website is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
documents-disclaimer = The WIN project was funded by the European Union's Asylum, Migration and Integration Fund (AMIF). The content of this document is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
