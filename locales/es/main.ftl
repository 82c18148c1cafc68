# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: trabajo y un nuevo comienzo tras la trata
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Financiado por la Unión Europea – Fondo de Asilo, Migración e Integración
eu-disclaimer = El proyecto WIN fue financiado por el Fondo de Asilo, Migración e Integración (FAMI) de la Unión Europea. El contenido de este sitio web es responsabilidad exclusiva de las entidades socias del proyecto WIN y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
documents-disclaimer = El proyecto WIN fue financiado por el Fondo de Asilo, Migración e Integración (FAMI) de la Unión Europea. El contenido de este documento es responsabilidad exclusiva de las entidades socias del proyecto WIN y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
