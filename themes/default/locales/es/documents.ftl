# Documentos descargables (PDF) y la lista del repositorio.

## En cada PDF
documents-disclaimer = Este documento se ha realizado con la financiación del Fondo de Asilo, Migración e Integración de la Unión Europea. Su contenido es responsabilidad exclusiva de las entidades socias del proyecto y no refleja necesariamente la opinión de la Unión Europea. La Comisión Europea no se hace responsable del uso que pueda hacerse de la información que contiene.
documents-short-link = Versión más reciente y otros idiomas:
documents-qr-alt = Código QR que abre { $link }
documents-updated = Actualizado el { $date }
documents-licence = Licencia: { $licence }
documents-page = Página { $page } de { $total }

## La lista del repositorio
documents-language = Idioma
documents-other-languages = Otros idiomas
documents-format = Formato
documents-pages = Páginas
documents-size = Tamaño
documents-size-kb = { $value } KB
documents-size-mb = { $value } MB
documents-last-updated = Última actualización
documents-licence-label = Licencia
documents-short-link-label = Enlace corto
documents-download = Descargar { $format }, { $size }, { $language }
documents-none = Todavía no hay documentos para descargar.

## Páginas de enlaces cortos
documents-open = Abrir el documento
documents-tick-one = marca solo una

## Reports
documents-contents = Índice
documents-on-site = En el sitio web:
