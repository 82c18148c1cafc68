# Documents à télécharger (PDF) et la liste du répertoire.

## Dans chaque PDF
documents-disclaimer = Ce document a été réalisé grâce au financement du Fonds Asile, Migration et Intégration de l'Union européenne. Son contenu relève de la seule responsabilité des partenaires du projet et ne reflète pas nécessairement l'opinion de l'Union européenne. La Commission européenne n'est pas responsable de l'usage qui pourrait être fait des informations qu'il contient.
documents-short-link = Dernière version et autres langues :
documents-qr-alt = Code QR qui ouvre { $link }
documents-updated = Mis à jour le { $date }
documents-licence = Licence : { $licence }
documents-page = Page { $page } sur { $total }

## La liste du répertoire
documents-language = Langue
documents-other-languages = Autres langues
documents-format = Format
documents-pages = Pages
documents-size = Taille
documents-size-kb = { $value } Ko
documents-size-mb = { $value } Mo
documents-last-updated = Dernière mise à jour
documents-licence-label = Licence
documents-short-link-label = Lien court
documents-download = Télécharger le { $format }, { $size }, { $language }
documents-none = Il n'y a pas encore de document à télécharger.

## Pages des liens courts
documents-open = Ouvrir le document
documents-tick-one = cochez une seule réponse

## Reports
documents-contents = Sommaire
documents-on-site = Sur le site :
