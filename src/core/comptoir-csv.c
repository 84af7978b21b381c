// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-csv"

#include "comptoir-i18n.h"

#include "comptoir-csv.h"
#include "comptoir-error.h"
#include "comptoir-gtin.h"
#include "comptoir-media-store.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-money.h"
#include "comptoir-product-store-private.h"
#include "comptoir-product-store.h"
#include "comptoir-text.h"
#include "comptoir-units.h"

/* A spreadsheet of a shop is small; a file this large is not one. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)

/* The header names written by the export, one per field. */
static const char *export_names[COMPTOIR_CSV_N_FIELDS] = {
  "name", "description", "price", "vat_rate", "unit", "stock", "sku", "gtin",
  "category", "visibility", "photos",
};

/* Header names recognised on import, folded (no case, no accents) and with
 * only letters and digits kept: "Prix TTC (€)" is "prixttc". */
static const char *header_words[COMPTOIR_CSV_N_FIELDS][12] = {
  { "name", "nom", "produit", "product", "designation", "libelle", "titre", "title", "article", "nomduproduit", "productname", NULL },
  { "description", "desc", "details", "descriptif", NULL },
  { "price", "prix", "prixttc", "tarif", "pricettc", "prixdevente", "prixunitaire", "unitprice", NULL },
  { "vatrate", "vat", "tva", "tauxtva", "tauxdetva", "tax", "taxrate", NULL },
  { "unit", "unite", "unitedevente", NULL },
  { "stock", "quantite", "qte", "quantity", "qty", "inventaire", "inventory", NULL },
  { "sku", "reference", "ref", "codearticle", "referenceinterne", NULL },
  { "gtin", "ean", "ean13", "codebarre", "codebarres", "codeabarres", "barcode", "upc", NULL },
  { "category", "categorie", "rayon", "famille", "categories", NULL },
  { "visibility", "visibilite", "ouilapparait", "diffusion", "publication", NULL },
  { "photos", "photo", "images", "image", NULL },
};

const char *
comptoir_csv_field_get_label (ComptoirCsvField field)
{
  switch (field)
    {
    case COMPTOIR_CSV_FIELD_NAME: return C_("product field", "Name");
    case COMPTOIR_CSV_FIELD_DESCRIPTION: return C_("product field", "Description");
    case COMPTOIR_CSV_FIELD_PRICE: return C_("product field", "Price incl. VAT");
    case COMPTOIR_CSV_FIELD_VAT_RATE: return C_("product field", "VAT rate");
    case COMPTOIR_CSV_FIELD_UNIT: return C_("product field", "Unit");
    case COMPTOIR_CSV_FIELD_STOCK: return C_("product field", "Stock");
    case COMPTOIR_CSV_FIELD_SKU: return C_("product field", "Reference (SKU)");
    case COMPTOIR_CSV_FIELD_GTIN: return C_("product field", "Barcode (GTIN/EAN)");
    case COMPTOIR_CSV_FIELD_CATEGORY: return C_("product field", "Category");
    case COMPTOIR_CSV_FIELD_VISIBILITY: return C_("product field", "Where it appears");
    case COMPTOIR_CSV_FIELD_PHOTOS: return C_("product field", "Photos");
    case COMPTOIR_CSV_FIELD_IGNORED:
    case COMPTOIR_CSV_N_FIELDS:
    default:
      return C_("product field", "Ignored");
    }
}

static void
row_free (ComptoirCsvRow *row)
{
  g_clear_object (&row->product);
  g_strfreev (row->photos);
  g_free (row);
}

static void
rejection_free (ComptoirCsvRejection *rejection)
{
  g_free (rejection->reason);
  g_free (rejection);
}

void
comptoir_csv_preview_free (ComptoirCsvPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->encoding);
  g_strfreev (preview->headers);
  g_free (preview->fields);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->rejected, g_ptr_array_unref);
  g_free (preview);
}

/* Decoding: a BOM says it all; otherwise valid UTF-8 is UTF-8, and
 * anything else is what Excel on Windows writes, Windows-1252. */
static char *
decode (GBytes      *bytes,
        char       **out_encoding,
        GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
      if (g_utf8_validate_len (data, size, NULL) && memchr (data, '\0', size) == NULL)
        {
          *out_encoding = g_strdup ("UTF-8");
          return g_strndup (data, size);
        }
    }
  else if (size >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      const char *from = data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";

      text = g_convert (data + 2, size - 2, "UTF-8", from, NULL, NULL, &local_error);
      if (text != NULL)
        {
          *out_encoding = g_strdup ("UTF-16");
          return text;
        }
    }
  else if (g_utf8_validate_len (data, size, NULL) && memchr (data, '\0', size) == NULL)
    {
      *out_encoding = g_strdup ("UTF-8");
      return g_strndup (data, size);
    }
  else if (memchr (data, '\0', size) == NULL)
    {
      text = g_convert (data, size, "UTF-8", "WINDOWS-1252", NULL, NULL, &local_error);
      if (text != NULL)
        {
          *out_encoding = g_strdup ("Windows-1252");
          return text;
        }
    }

  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("This file is not a spreadsheet saved as text (CSV). In your spreadsheet, "
                         "use “Save as” and choose “CSV”."));
  return NULL;
}

static char
sniff_separator (const char *text)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  /* Count on the header line, outside quotes. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == '\t')
        tabs++;
    }
  if (tabs > semicolons && tabs > commas)
    return '\t';
  if (commas > semicolons)
    return ',';
  return ';';
}

/* Reads one record (RFC 4180, with the liberties spreadsheets take) from
 * *pos. Returns NULL at the end of the text. Counts lines into *line. */
static GPtrArray *
read_record (const char **pos,
             char         separator,
             guint       *line)
{
  const char *p = *pos;
  GPtrArray *fields;
  GString *field;

  if (*p == '\0')
    return NULL;

  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  for (;;)
    {
      if (*p == '"')
        {
          /* quoted field: separators, newlines and "" inside */
          p++;
          for (;;)
            {
              if (*p == '\0')
                break;
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
                    (*line)++;
                  g_string_append_c (field, *p++);
                }
            }
          /* text after the closing quote belongs to the field */
          while (*p != '\0' && *p != separator && *p != '\n' && *p != '\r')
            g_string_append_c (field, *p++);
        }
      else
        while (*p != '\0' && *p != separator && *p != '\n' && *p != '\r')
          g_string_append_c (field, *p++);

      g_ptr_array_add (fields, g_string_free (field, FALSE));

      if (*p == separator)
        {
          p++;
          field = g_string_new (NULL);
          continue;
        }
      /* end of record */
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      (*line)++;
      break;
    }

  *pos = p;
  return fields;
}

static ComptoirCsvField
field_for_header (const char *header)
{
  g_autofree char *folded = comptoir_text_fold (header);
  g_autoptr(GString) key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, *p);

  /* "Prix TTC (€)", "Prix (en euros)": the longest known prefix wins */
  for (int f = 0; f < COMPTOIR_CSV_N_FIELDS; f++)
    for (guint i = 0; header_words[f][i] != NULL; i++)
      if (g_str_equal (key->str, header_words[f][i]))
        return f;
  for (int f = 0; f < COMPTOIR_CSV_N_FIELDS; f++)
    for (guint i = 0; header_words[f][i] != NULL; i++)
      if (strlen (header_words[f][i]) >= 3 && g_str_has_prefix (key->str, header_words[f][i]))
        return f;
  return COMPTOIR_CSV_FIELD_IGNORED;
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static gboolean
parse_vat (const char *text,
           int        *out_rate)
{
  g_autofree char *t = trimmed (text);
  g_autoptr(GString) s = g_string_new (NULL);
  char *end = NULL;
  double value;

  if (*t == '\0')
    {
      *out_rate = 2000;
      return TRUE;
    }
  for (const char *p = t; *p != '\0'; p++)
    if (*p == ',')
      g_string_append_c (s, '.');
    else if (*p != '%' && *p != ' ')
      g_string_append_c (s, *p);

  value = g_ascii_strtod (s->str, &end);
  if (end == s->str || *end != '\0')
    return FALSE;
  /* 0,2 in a spreadsheet is 20 % shown as a percentage */
  if (value > 0 && value < 1)
    value *= 100;
  for (int rate = 0; rate < 4; rate++)
    {
      static const int rates[] = { 2000, 1000, 550, 210 };
      if (ABS (value * 100 - rates[rate]) < 0.5)
        {
          *out_rate = rates[rate];
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_visibility (const char *text,
                  guint      *out_flags)
{
  g_autofree char *folded = comptoir_text_fold (text);
  g_auto(GStrv) parts = NULL;
  guint flags = 0;

  for (char *p = folded; *p != '\0'; p++)
    if (*p == ',' || *p == '+' || *p == '/' || *p == ';')
      *p = '|';
  parts = g_strsplit (folded, "|", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (*part == '\0' || g_str_equal (part, "private") || g_str_equal (part, "prive")
          || g_str_equal (part, "non") || g_str_equal (part, "aucun"))
        continue;
      if (g_str_equal (part, "marketplace") || g_str_equal (part, "place de marche")
          || g_str_equal (part, "vente") || g_str_equal (part, "en vente"))
        flags |= COMPTOIR_VISIBILITY_MARKETPLACE;
      else if (g_str_equal (part, "directory") || g_str_equal (part, "annuaire")
               || g_str_equal (part, "vitrine"))
        flags |= COMPTOIR_VISIBILITY_DIRECTORY;
      else
        return FALSE;
    }
  *out_flags = flags;
  return TRUE;
}

static gboolean
parse_stock (const char *text,
             gboolean   *out_tracked,
             gint64     *out_stock)
{
  g_autofree char *t = trimmed (text);
  guint64 value;

  if (*t == '\0')
    {
      *out_tracked = FALSE;
      *out_stock = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (t, 10, 0, G_MAXINT32, &value, NULL))
    return FALSE;
  *out_tracked = TRUE;
  *out_stock = (gint64) value;
  return TRUE;
}

static GStrv
parse_photos (const char  *text,
              GFile       *folder,
              char       **out_missing)
{
  g_autofree char *t = trimmed (text);
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (*t == '\0')
    return NULL;
  names = g_strsplit_set (t, strchr (t, '|') ? "|" : ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);
      g_autoptr(GFile) file = NULL;

      if (*name == '\0')
        continue;
      file = (g_path_is_absolute (name) || folder == NULL)
             ? g_file_new_for_path (name) : g_file_resolve_relative_path (folder, name);
      if (!g_file_query_exists (file, NULL))
        {
          *out_missing = g_strdup (name);
          return NULL;
        }
      g_strv_builder_add (builder, g_file_peek_path (file));
    }
  return g_strv_builder_end (builder);
}

static const char *
cell (GPtrArray  *record,
      int        *columns,
      ComptoirCsvField field)
{
  int index = columns[field];

  if (index < 0 || (guint) index >= record->len)
    return "";
  return g_ptr_array_index (record, index);
}

static void
reject (ComptoirCsvPreview *preview,
        guint               line,
        char               *reason)
{
  ComptoirCsvRejection *rejection = g_new0 (ComptoirCsvRejection, 1);

  rejection->line = line;
  rejection->reason = reason;
  g_ptr_array_add (preview->rejected, rejection);
}

static void
read_row (ComptoirCsvPreview *preview,
          GPtrArray          *record,
          int                *columns,
          guint               line,
          GFile              *folder)
{
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = trimmed (cell (record, columns, COMPTOIR_CSV_FIELD_NAME));
  g_autofree char *price_text = trimmed (cell (record, columns, COMPTOIR_CSV_FIELD_PRICE));
  g_autofree char *unit_text = trimmed (cell (record, columns, COMPTOIR_CSV_FIELD_UNIT));
  g_autofree char *gtin = NULL;
  g_autofree char *missing = NULL;
  g_auto(GStrv) photos = NULL;
  ComptoirCsvRow *row;
  gint64 price = 0;
  int vat;
  gboolean tracked;
  gint64 stock;
  guint visibility;
  const char *unit = "piece";

  if (*name == '\0')
    {
      reject (preview, line, g_strdup (_("The product has no name.")));
      return;
    }
  if (*price_text == '\0')
    {
      reject (preview, line, g_strdup (_("The price is missing.")));
      return;
    }
  if (!comptoir_money_parse (price_text, &price, &error))
    {
      /* the message quotes what was typed */
      reject (preview, line, g_strdup_printf (_("Price: %s"), error->message));
      return;
    }
  if (!parse_vat (cell (record, columns, COMPTOIR_CSV_FIELD_VAT_RATE), &vat))
    {
      reject (preview, line, g_strdup_printf (_("VAT rate “%s”: use 20, 10, 5,5 or 2,1."),
                                              cell (record, columns, COMPTOIR_CSV_FIELD_VAT_RATE)));
      return;
    }
  if (*unit_text != '\0' && (unit = comptoir_unit_from_text (unit_text)) == NULL)
    {
      reject (preview, line, g_strdup_printf (_("Unit “%s”: use piece, kg, 100 g, litre, bunch or lot."),
                                              unit_text));
      return;
    }
  if (!parse_stock (cell (record, columns, COMPTOIR_CSV_FIELD_STOCK), &tracked, &stock))
    {
      reject (preview, line, g_strdup_printf (_("Stock “%s”: type a whole number of zero or more, "
                                                "or leave it empty if you do not count the stock."),
                                              cell (record, columns, COMPTOIR_CSV_FIELD_STOCK)));
      return;
    }
  if (!comptoir_gtin_check (cell (record, columns, COMPTOIR_CSV_FIELD_GTIN), &gtin, &error))
    {
      reject (preview, line, g_strdup_printf (_("Barcode “%s”: %s"),
                                              cell (record, columns, COMPTOIR_CSV_FIELD_GTIN), error->message));
      return;
    }
  if (!parse_visibility (cell (record, columns, COMPTOIR_CSV_FIELD_VISIBILITY), &visibility))
    {
      reject (preview, line, g_strdup_printf (_("Where it appears “%s”: use marketplace, directory, "
                                                "both separated by “|”, or private."),
                                              cell (record, columns, COMPTOIR_CSV_FIELD_VISIBILITY)));
      return;
    }
  photos = parse_photos (cell (record, columns, COMPTOIR_CSV_FIELD_PHOTOS), folder, &missing);
  if (missing != NULL)
    {
      reject (preview, line, g_strdup_printf (_("The photo “%s” is not in the spreadsheet’s folder."),
                                              missing));
      return;
    }

  comptoir_product_set_name (product, name);
  comptoir_product_set_description (product, cell (record, columns, COMPTOIR_CSV_FIELD_DESCRIPTION));
  comptoir_product_set_price_cents (product, price);
  comptoir_product_set_vat_rate (product, vat);
  comptoir_product_set_unit (product, unit);
  comptoir_product_set_stock_tracked (product, tracked);
  comptoir_product_set_stock (product, stock);
  {
    g_autofree char *sku = trimmed (cell (record, columns, COMPTOIR_CSV_FIELD_SKU));
    g_autofree char *category = trimmed (cell (record, columns, COMPTOIR_CSV_FIELD_CATEGORY));

    comptoir_product_set_sku (product, sku);
    comptoir_product_set_category (product, category);
  }
  comptoir_product_set_gtin (product, gtin);
  comptoir_product_set_visibility (product, visibility);

  row = g_new0 (ComptoirCsvRow, 1);
  row->line = line;
  row->product = g_steal_pointer (&product);
  row->photos = g_steal_pointer (&photos);
  g_ptr_array_add (preview->rows, row);
}

static gboolean
record_is_empty (GPtrArray *record)
{
  for (guint i = 0; i < record->len; i++)
    {
      g_autofree char *t = trimmed (g_ptr_array_index (record, i));
      if (*t != '\0')
        return FALSE;
    }
  return TRUE;
}

/**
 * comptoir_csv_preview_from_bytes:
 * @bytes: the content of a CSV file
 * @folder: (nullable): the folder photo names are relative to
 * @error: a #GError
 *
 * See comptoir_csv_import_preview().
 */
ComptoirCsvPreview *
comptoir_csv_preview_from_bytes (GBytes  *bytes,
                                 GFile   *folder,
                                 GError **error)
{
  g_autoptr(ComptoirCsvPreview) preview = g_new0 (ComptoirCsvPreview, 1);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) header = NULL;
  int columns[COMPTOIR_CSV_N_FIELDS];
  const char *pos;
  guint line = 1;
  GPtrArray *record;

  g_return_val_if_fail (bytes != NULL, NULL);

  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  preview->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);

  if (g_bytes_get_size (bytes) > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("This file is too large to be a product list."));
      return NULL;
    }
  text = decode (bytes, &preview->encoding, error);
  if (text == NULL)
    return NULL;

  preview->separator = sniff_separator (text);
  pos = text;
  header = read_record (&pos, preview->separator, &line);
  if (header == NULL)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("This file is empty."));
      return NULL;
    }

  for (int f = 0; f < COMPTOIR_CSV_N_FIELDS; f++)
    columns[f] = -1;
  preview->n_columns = header->len;
  preview->fields = g_new (ComptoirCsvField, header->len);
  preview->headers = g_new0 (char *, header->len + 1);
  for (guint i = 0; i < header->len; i++)
    {
      ComptoirCsvField field = field_for_header (g_ptr_array_index (header, i));

      preview->headers[i] = g_strdup (g_ptr_array_index (header, i));
      /* a field named twice: the first column wins, the other is ignored */
      if (field != COMPTOIR_CSV_FIELD_IGNORED && columns[field] >= 0)
        field = COMPTOIR_CSV_FIELD_IGNORED;
      preview->fields[i] = field;
      if (field != COMPTOIR_CSV_FIELD_IGNORED)
        columns[field] = (int) i;
    }

  if (columns[COMPTOIR_CSV_FIELD_NAME] < 0 || columns[COMPTOIR_CSV_FIELD_PRICE] < 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The first line of the file must name the columns, with at least "
                             "a “name” (or “nom”) column and a “price” (or “prix”) column."));
      return NULL;
    }

  for (;;)
    {
      guint start = line;

      record = read_record (&pos, preview->separator, &line);
      if (record == NULL)
        break;
      if (!record_is_empty (record))
        read_row (preview, record, columns, start, folder);
      g_ptr_array_unref (record);
    }

  return g_steal_pointer (&preview);
}

/**
 * comptoir_csv_import_preview:
 * @file: a CSV file
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads @file and says what an import would do: which field each column
 * maps to (from the header names, in French or English), the products
 * that would be created, and every row refused, with its line and the
 * reason. Accepts ";", "," or tab separators; comma or dot decimals;
 * UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252. Imports
 * nothing.
 *
 * Returns: (transfer full): the preview, or %NULL if @file cannot be read
 *   as a product list at all
 */
ComptoirCsvPreview *
comptoir_csv_import_preview (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("This file is too large to be a product list."));
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                   _("Comptoir cannot read this file: %s"), local_error->message);
      return NULL;
    }

  folder = g_file_get_parent (file);
  return comptoir_csv_preview_from_bytes (bytes, folder, error);
}

typedef struct
{
  ComptoirCsvPreview *preview;
  GPtrArray          *hashes;  /* of GStrv, one per row (may be NULL) */
} CommitData;

static gboolean
commit_tx (ComptoirStore  *store,
           gpointer        user_data,
           GError        **error)
{
  CommitData *data = user_data;

  for (guint i = 0; i < data->preview->rows->len; i++)
    {
      ComptoirCsvRow *row = g_ptr_array_index (data->preview->rows, i);
      g_autoptr(ComptoirProduct) product = NULL;
      g_autoptr(GError) local_error = NULL;

      /* A copy: a commit that rolls back leaves the preview as it was. */
      product = comptoir_product_new ();
      comptoir_product_set_name (product, comptoir_product_get_name (row->product));
      comptoir_product_set_description (product, comptoir_product_get_description (row->product));
      comptoir_product_set_price_cents (product, comptoir_product_get_price_cents (row->product));
      comptoir_product_set_vat_rate (product, comptoir_product_get_vat_rate (row->product));
      comptoir_product_set_unit (product, comptoir_product_get_unit (row->product));
      comptoir_product_set_stock_tracked (product, comptoir_product_get_stock_tracked (row->product));
      comptoir_product_set_stock (product, comptoir_product_get_stock (row->product));
      comptoir_product_set_sku (product, comptoir_product_get_sku (row->product));
      comptoir_product_set_gtin (product, comptoir_product_get_gtin (row->product));
      comptoir_product_set_category (product, comptoir_product_get_category (row->product));
      comptoir_product_set_visibility (product, comptoir_product_get_visibility (row->product));
      if (!comptoir_product_write (store, product, &local_error)
          || !comptoir_product_photos_write (store, comptoir_product_get_id (product),
                                             g_ptr_array_index (data->hashes, i), &local_error))
        {
          g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("Line %u: %s Nothing was imported."), row->line, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * comptoir_csv_import_commit:
 * @store: the store
 * @preview: what comptoir_csv_import_preview() returned
 * @out_n_imported: (out) (optional): how many products were created
 * @out_warnings: (out) (optional) (transfer full): what did not go as
 *   planned without stopping the import
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Creates the products of @preview's accepted rows, in one transaction:
 * all of them, or none.
 */
gboolean
comptoir_csv_import_commit (ComptoirStore       *store,
                            ComptoirCsvPreview  *preview,
                            guint               *out_n_imported,
                            GStrv               *out_warnings,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(GStrvBuilder) warnings = g_strv_builder_new ();
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  CommitData data = { preview, hashes };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  /* Photos first, through the pipeline (each in its own step: they are
   * slow, and a photo stored without a product is harmless). A photo that
   * cannot be read leaves its product without it, with a warning. */
  for (guint i = 0; i < preview->rows->len; i++)
    {
      ComptoirCsvRow *row = g_ptr_array_index (preview->rows, i);
      g_autoptr(GStrvBuilder) row_hashes = g_strv_builder_new ();

      for (guint j = 0; row->photos != NULL && row->photos[j] != NULL; j++)
        {
          g_autoptr(GFile) file = g_file_new_for_path (row->photos[j]);
          g_autoptr(GError) local_error = NULL;
          g_autofree char *hash = NULL;
          g_autofree char *name = g_path_get_basename (row->photos[j]);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          hash = comptoir_photo_import_sync (store, file, NULL, cancellable, &local_error);
          if (hash != NULL)
            g_strv_builder_add (row_hashes, hash);
          else
            {
              g_autofree char *warning = g_strdup_printf (_("Line %u: the photo “%s” was left out: %s"),
                                                          row->line, name, local_error->message);
              g_strv_builder_add (warnings, warning);
            }
        }
      g_ptr_array_add (hashes, g_strv_builder_end (row_hashes));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!comptoir_store_transaction (store, commit_tx, &data, error))
    return FALSE;

  if (out_n_imported != NULL)
    *out_n_imported = preview->rows->len;
  if (out_warnings != NULL)
    *out_warnings = g_strv_builder_end (warnings);
  return TRUE;
}

static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  gboolean quote = value[0] == ' ' || (value[0] != '\0' && value[strlen (value) - 1] == ' ')
                   || strpbrk (value, ";\"\n\r\t") != NULL;

  if (quote)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ";");
}

static char *
format_decimal (gint64 cents)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", cents / 100, (int) (cents % 100));
}

static char *
format_vat (int rate)
{
  if (rate % 100 == 0)
    return g_strdup_printf ("%d", rate / 100);
  return g_strdup_printf ("%d,%d", rate / 100, (rate % 100) / 10);
}

static void
append_product (GString         *out,
                ComptoirStore   *store,
                ComptoirProduct *product)
{
  g_autofree char *price = format_decimal (comptoir_product_get_price_cents (product));
  g_autofree char *vat = format_vat (comptoir_product_get_vat_rate (product));
  g_autofree char *stock = comptoir_product_get_stock_tracked (product)
                           ? g_strdup_printf ("%" G_GINT64_FORMAT, comptoir_product_get_stock (product))
                           : g_strdup ("");
  guint visibility = comptoir_product_get_visibility (product);
  const char *where;
  g_auto(GStrv) hashes = comptoir_product_photos_get (store, comptoir_product_get_id (product), NULL);
  g_autoptr(GString) photos = g_string_new (NULL);

  /* the published images, by path, so that this file imports back here */
  for (guint i = 0; hashes != NULL && hashes[i] != NULL; i++)
    {
      g_autofree char *path = comptoir_media_get_path (hashes[i], COMPTOIR_MEDIA_WEB);
      if (path != NULL)
        g_string_append_printf (photos, "%s%s", photos->len ? "|" : "", path);
    }

  if (visibility == (COMPTOIR_VISIBILITY_MARKETPLACE | COMPTOIR_VISIBILITY_DIRECTORY))
    where = "marketplace|directory";
  else if (visibility & COMPTOIR_VISIBILITY_MARKETPLACE)
    where = "marketplace";
  else if (visibility & COMPTOIR_VISIBILITY_DIRECTORY)
    where = "directory";
  else
    where = "private";

  append_field (out, comptoir_product_get_name (product), FALSE);
  append_field (out, comptoir_product_get_description (product), FALSE);
  append_field (out, price, FALSE);
  append_field (out, vat, FALSE);
  append_field (out, comptoir_product_get_unit (product), FALSE);
  append_field (out, stock, FALSE);
  append_field (out, comptoir_product_get_sku (product), FALSE);
  append_field (out, comptoir_product_get_gtin (product), FALSE);
  append_field (out, comptoir_product_get_category (product), FALSE);
  append_field (out, where, FALSE);
  append_field (out, photos->str, TRUE);
}

/**
 * comptoir_csv_export_bytes:
 * @store: the store
 * @error: a #GError
 *
 * Returns: (transfer full): every product not archived, by name, as CSV
 */
GBytes *
comptoir_csv_export_bytes (ComptoirStore  *store,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_new ("\xef\xbb\xbf");
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  for (int f = 0; f < COMPTOIR_CSV_N_FIELDS; f++)
    append_field (out, export_names[f], f == COMPTOIR_CSV_N_FIELDS - 1);

  stmt = comptoir_store_prepare (store,
                                 "SELECT " COMPTOIR_PRODUCT_COLUMNS " FROM products p "
                                 "WHERE p.archived = 0 ORDER BY p.sort_name, p.id", error);
  if (stmt == NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) product = comptoir_product_from_row (stmt);
      append_product (out, store, COMPTOIR_PRODUCT (product));
    }
  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (out);
}

/**
 * comptoir_csv_export:
 * @store: the store
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes the catalogue to @file (replaced atomically).
 */
gboolean
comptoir_csv_export (ComptoirStore  *store,
                     GFile          *file,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = comptoir_csv_export_bytes (store, error);
  if (bytes == NULL)
    return FALSE;
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED,
                   _("Comptoir cannot write the file: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
