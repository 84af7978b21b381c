// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-product.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/* The catalogue as a spreadsheet. Export writes what French Excel and
 * LibreOffice open directly: UTF-8 with a BOM, ";" between fields, decimal
 * commas, CRLF line ends. Import reads what they (and others) write, in
 * two steps: a preview that imports nothing, then a commit. */

typedef enum
{
  COMPTOIR_CSV_FIELD_IGNORED = -1,
  COMPTOIR_CSV_FIELD_NAME,
  COMPTOIR_CSV_FIELD_DESCRIPTION,
  COMPTOIR_CSV_FIELD_PRICE,
  COMPTOIR_CSV_FIELD_VAT_RATE,
  COMPTOIR_CSV_FIELD_UNIT,
  COMPTOIR_CSV_FIELD_STOCK,
  COMPTOIR_CSV_FIELD_SKU,
  COMPTOIR_CSV_FIELD_GTIN,
  COMPTOIR_CSV_FIELD_CATEGORY,
  COMPTOIR_CSV_FIELD_VISIBILITY,
  COMPTOIR_CSV_FIELD_PHOTOS,
  COMPTOIR_CSV_N_FIELDS
} ComptoirCsvField;

/**
 * ComptoirCsvRow:
 * @line: the line of the file where the row starts (1 is the header)
 * @product: the product it will create (not saved)
 * @photos: (nullable): absolute paths of its photo files
 */
typedef struct
{
  guint            line;
  ComptoirProduct *product;
  GStrv            photos;
} ComptoirCsvRow;

/**
 * ComptoirCsvRejection:
 * @line: the line of the file where the row starts
 * @reason: why, in the merchant's words
 */
typedef struct
{
  guint  line;
  char  *reason;
} ComptoirCsvRejection;

/**
 * ComptoirCsvPreview:
 * @encoding: "UTF-8", "UTF-16" or "Windows-1252"
 * @separator: ';', ',' or '\t'
 * @headers: the header row as written
 * @fields: (array length=n_columns): the field each column maps to
 * @n_columns: the number of columns of the header
 * @rows: (element-type ComptoirCsvRow): the rows to import
 * @rejected: (element-type ComptoirCsvRejection): the rows refused
 *
 * What an import would do. Read-only for callers.
 */
typedef struct
{
  char             *encoding;
  char              separator;
  GStrv             headers;
  ComptoirCsvField *fields;
  guint             n_columns;
  GPtrArray        *rows;
  GPtrArray        *rejected;
} ComptoirCsvPreview;

const char         *comptoir_csv_field_get_label    (ComptoirCsvField     field);

ComptoirCsvPreview *comptoir_csv_import_preview     (GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
ComptoirCsvPreview *comptoir_csv_preview_from_bytes (GBytes              *bytes,
                                                     GFile               *folder,
                                                     GError             **error);
void                comptoir_csv_preview_free       (ComptoirCsvPreview  *preview);
gboolean            comptoir_csv_import_commit      (ComptoirStore       *store,
                                                     ComptoirCsvPreview  *preview,
                                                     guint               *out_n_imported,
                                                     GStrv               *out_warnings,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

GBytes             *comptoir_csv_export_bytes       (ComptoirStore       *store,
                                                     GError             **error);
gboolean            comptoir_csv_export             (ComptoirStore       *store,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirCsvPreview, comptoir_csv_preview_free)

G_END_DECLS
