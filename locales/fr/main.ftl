# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN : travail et nouveau départ après la traite
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Financé par l'Union européenne – Fonds « Asile, migration et intégration »
eu-disclaimer = Le projet WIN a été financé par le Fonds « Asile, migration et intégration » (FAMI) de l'Union européenne. Le contenu de ce site relève de la seule responsabilité des partenaires du projet WIN et ne reflète pas nécessairement l'opinion de l'Union européenne. La Commission européenne n'est pas responsable de l'usage qui pourrait être fait des informations qu'il contient.
documents-disclaimer = Le projet WIN a été financé par le Fonds « Asile, migration et intégration » (FAMI) de l'Union européenne. Le contenu de ce document relève de la seule responsabilité des partenaires du projet WIN et ne reflète pas nécessairement l'opinion de l'Union européenne. La Commission européenne n'est pas responsable de l'usage qui pourrait être fait des informations qu'il contient.
