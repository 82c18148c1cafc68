# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN : travail et nouveau départ après la traite
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Financé par l'Union européenne – Fonds « Asile, migration et intégration »
eu-disclaimer = Le projet WIN a été financé par le Fonds « Asile, migration et intégration » (FAMI) de l'Union européenne. Le contenu de ce site relève de la seule responsabilité des partenaires du projet WIN et ne reflète pas nécessairement l'opinion de l'Union européenne. La Commission européenne n'est pas responsable de l'usage qui pourrait être fait des informations qu'il contient.
documents-disclaimer = Le projet WIN a été financé par le Fonds « Asile, migration et intégration » (FAMI) de l'Union européenne. Le contenu de ce document relève de la seule responsabilité des partenaires du projet WIN et ne reflète pas nécessairement l'opinion de l'Union européenne. La Commission européenne n'est pas responsable de l'usage qui pourrait être fait des informations qu'il contient.

## Discreet titles and contacts (issue 16)
site-title-discreet = WIN : travail et nouveau départ
site-description-discreet = Travail, formation et nouveau départ : les informations du projet WIN, en six langues.
contacts-emergency = En cas d'urgence, appelez le { $number }. L'appel est gratuit et fonctionne dans tous les pays de l'Union européenne, depuis n'importe quel téléphone, à toute heure.
contacts-national = Ce site n'a pas de ligne d'écoute propre. Chaque pays de l'UE a un point de contact national officiel contre la traite des êtres humains : la Commission européenne les recense sur son site consacré à la lutte contre la traite.
contacts-no-details = Les documents du projet ne donnent ni numéro de téléphone, ni adresse électronique, ni adresse postale pour ces organisations : ce site n'en affiche donc aucun. Pour joindre l'une d'elles, utilisez les coordonnées que l'organisation publie elle-même.
contacts-website = Site web
contacts-email = Courriel

# The short slogan beside the site's wordmark (static/wordmark.svg) in the header.
brand-tagline = Travail et nouveau départ
