# Interface strings of the default theme: buttons, menus, dates, the footer and the
# labels of statistics tables. A site replaces any of them by defining the same message in
# its own locales/LANG/ files (or this whole file with locales/LANG/theme.ftl).
# Textos de la interfaz del tema predeterminado, español.
choose-language = Leer el sitio en español
skip-to-content = Saltar al contenido principal
quick-exit = Salir de este sitio
quick-exit-hint = O pulsa la tecla Mayús tres veces.
safety-link = Navegar de forma segura
draft-banner = Borrador: esta página aún no está publicada.
language-nav = Idiomas
main-nav = Menú principal
menu-button = Menú
breadcrumb-nav = Estás aquí
footer-nav = Sobre este sitio
eu-emblem-alt = Bandera de la Unión Europea
eu-funded = Financiado por la Unión Europea
eu-disclaimer = Este sitio web se ha realizado con la financiación del Fondo de Asilo, Migración e Integración de la Unión Europea. Su contenido es responsabilidad exclusiva de las entidades socias del proyecto y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
footer-safety = Navegar de forma segura
footer-accessibility = Accesibilidad
footer-privacy = Privacidad
footer-contact = Contacto
published = Publicado el
updated = actualizado el
contents = En esta página
table-region = Tabla
in-this-section = En esta sección
latest-news = Lo último de la campaña
tags = Etiquetas
all-tags = Todas las etiquetas
tagged = Páginas con la etiqueta «{ $term }»
pages-count = { $count ->
    [one] una página
   *[other] { $count } páginas
}
not-found-title = Página no encontrada
not-found-text = No hay ninguna página en esta dirección. Puede que se haya movido o que la dirección tenga un error.
back-home = Ir a la página de inicio
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }
video-external = Este vídeo está en { $host }, un sitio web externo a este. Si lo abres, { $host } puede saber que lo has visto.
video-watch = Ver «{ $title }» en { $host }
percent = { $value } %

## Tables and charts
stats-suppressed = no se muestra
stats-suppressed-footnote = «No se muestra»: la cifra es inferior a { $n }, o permitiría deducir una cifra inferior a { $n }. Ocultamos estas cifras para proteger la privacidad de las personas contabilizadas.
stats-missing = sin datos
stats-source = Fuente
stats-reference-date = Fecha de referencia
stats-download-csv = Descargar los datos (CSV)
stats-total-row = Total
stats-percent-of = % de
stats-chart-desc = Gráfico de barras. Cada barra indica un número de personas y su porcentaje; las mismas cifras están en la tabla.
stats-show-table = Ver las cifras en una tabla
feed-title = Novedades: { $section }
pagination-nav = Páginas de la lista
page-previous = Página anterior
page-next = Página siguiente

## Discreet titles ([safety] discreet_titles): a neutral name for <title>; sites write their own
site-title-discreet = Información

## Design: the header's short slogan beside the wordmark, and the note on missing figures
stats-missing-footnote = «Sin datos»: la fuente no da esta cifra.

## Search (templates/partials/search.html, static/js/search.js)
search-label = Buscar en este sitio
search-button = Buscar
search-hint = Lo que escribes se queda en este dispositivo: no se envía a ningún lugar ni se guarda.
search-needs-js = La búsqueda necesita JavaScript, que está desactivado en este navegador. Puedes llegar a todas las páginas desde el menú.
search-loading = Buscando…
search-found = Páginas encontradas: { $count }
search-none = Ninguna página contiene todas estas palabras. Prueba con otra palabra, o con menos palabras.
search-failed = La búsqueda no está disponible en este momento. Puedes llegar a todas las páginas desde el menú.
