# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: trabajo y un nuevo comienzo tras la trata
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Financiado por la Unión Europea – Fondo de Asilo, Migración e Integración
eu-disclaimer = El proyecto WIN fue financiado por el Fondo de Asilo, Migración e Integración (FAMI) de la Unión Europea. El contenido de este sitio web es responsabilidad exclusiva de las entidades socias del proyecto WIN y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
documents-disclaimer = El proyecto WIN fue financiado por el Fondo de Asilo, Migración e Integración (FAMI) de la Unión Europea. El contenido de este documento es responsabilidad exclusiva de las entidades socias del proyecto WIN y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.

## Discreet titles and contacts (issue 16)
site-title-discreet = WIN: trabajo y un nuevo comienzo
site-description-discreet = Trabajo, formación y un nuevo comienzo: la información del proyecto WIN, en seis idiomas.
contacts-emergency = En una emergencia, llama al { $number }. La llamada es gratuita y funciona en todos los países de la Unión Europea, desde cualquier teléfono, a cualquier hora.
contacts-national = Este sitio no tiene una línea de ayuda propia. Cada país de la UE tiene un punto de contacto nacional oficial contra la trata de seres humanos: la Comisión Europea los recoge en su sitio web sobre la lucha contra la trata.
contacts-no-details = Los documentos del proyecto no recogen teléfonos, direcciones de correo electrónico ni direcciones postales de estas organizaciones, por eso este sitio no muestra ninguno. Para contactar con una de ellas, usa los datos de contacto que publica la propia organización.
contacts-website = Sitio web
contacts-email = Correo electrónico

# The short slogan beside the site's wordmark (static/wordmark.svg) in the header.
brand-tagline = Trabajo y un nuevo comienzo
