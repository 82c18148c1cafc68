# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: trabajo y un nuevo comienzo después de la trata
eu-disclaimer = Este sitio web se ha realizado con la financiación del Fondo de Asilo, Migración e Integración de la Unión Europea. Su contenido es responsabilidad exclusiva de las entidades socias del proyecto WIN y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
documents-disclaimer = Este documento se ha realizado con la financiación del Fondo de Asilo, Migración e Integración de la Unión Europea. Su contenido es responsabilidad exclusiva de las entidades socias del proyecto WIN y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
