// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "comptoir-csv.h"
#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-product-query.h"
#include "comptoir-product-store.h"
#include "comptoir-store-private.h"
#include "comptoir-test-utils.h"

#include <sys/wait.h>

static ComptoirStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = comptoir_test_tmp_path (name);
  ComptoirStore *store = comptoir_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static ComptoirCsvPreview *
preview_of (const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  ComptoirCsvPreview *preview = comptoir_csv_preview_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static ComptoirProduct *
row_product (ComptoirCsvPreview *preview,
             guint               i)
{
  return ((ComptoirCsvRow *) g_ptr_array_index (preview->rows, i))->product;
}

static void
test_utf8_bom_semicolon (void)
{
  g_autoptr(ComptoirCsvPreview) preview = preview_of (
    "\xef\xbb\xbfNom;Prix TTC;TVA;Unité;Stock;Code-barres;Catégorie\r\n"
    "Pâté de campagne;4,50;5,5;pièce;12;4006381333931;Charcuterie\r\n"
    "Radis;1 200,00 €;20 %;botte;;;\r\n", -1);
  ComptoirProduct *p;

  g_assert_cmpstr (preview->encoding, ==, "UTF-8");
  g_assert_cmpint (preview->separator, ==, ';');
  g_assert_cmpuint (preview->n_columns, ==, 7);
  g_assert_cmpint (preview->fields[0], ==, COMPTOIR_CSV_FIELD_NAME);
  g_assert_cmpint (preview->fields[1], ==, COMPTOIR_CSV_FIELD_PRICE);
  g_assert_cmpint (preview->fields[2], ==, COMPTOIR_CSV_FIELD_VAT_RATE);
  g_assert_cmpint (preview->fields[3], ==, COMPTOIR_CSV_FIELD_UNIT);
  g_assert_cmpint (preview->fields[5], ==, COMPTOIR_CSV_FIELD_GTIN);
  g_assert_cmpint (preview->fields[6], ==, COMPTOIR_CSV_FIELD_CATEGORY);
  g_assert_cmpuint (preview->rejected->len, ==, 0);
  g_assert_cmpuint (preview->rows->len, ==, 2);

  p = row_product (preview, 0);
  g_assert_cmpstr (comptoir_product_get_name (p), ==, "Pâté de campagne");
  g_assert_cmpint (comptoir_product_get_price_cents (p), ==, 450);
  g_assert_cmpint (comptoir_product_get_vat_rate (p), ==, 550);
  g_assert_cmpstr (comptoir_product_get_unit (p), ==, "piece");
  g_assert_true (comptoir_product_get_stock_tracked (p));
  g_assert_cmpint (comptoir_product_get_stock (p), ==, 12);
  g_assert_cmpstr (comptoir_product_get_category (p), ==, "Charcuterie");
  p = row_product (preview, 1);
  g_assert_cmpint (comptoir_product_get_price_cents (p), ==, 120000);
  g_assert_cmpint (comptoir_product_get_vat_rate (p), ==, 2000);
  g_assert_cmpstr (comptoir_product_get_unit (p), ==, "bunch");
  g_assert_false (comptoir_product_get_stock_tracked (p));
}

static void
test_utf8_comma_dot (void)
{
  /* English headers, "," between fields, dot decimals, no BOM, LF only */
  g_autoptr(ComptoirCsvPreview) preview = preview_of (
    "name,price,vat,sku,extra\n"
    "\"Honey, 500 g\",7.5,0.055,MIEL-500,whatever\n"
    "Soap,3,20,SAV-1,\n", -1);

  g_assert_cmpstr (preview->encoding, ==, "UTF-8");
  g_assert_cmpint (preview->separator, ==, ',');
  g_assert_cmpint (preview->fields[4], ==, COMPTOIR_CSV_FIELD_IGNORED);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpstr (comptoir_product_get_name (row_product (preview, 0)), ==, "Honey, 500 g");
  g_assert_cmpint (comptoir_product_get_price_cents (row_product (preview, 0)), ==, 750);
  g_assert_cmpint (comptoir_product_get_vat_rate (row_product (preview, 0)), ==, 550);
  g_assert_cmpstr (comptoir_product_get_sku (row_product (preview, 1)), ==, "SAV-1");
}

static void
test_windows_1252 (void)
{
  /* "Crème brûlée;3,20" and "Œufs" as Excel on Windows writes them */
  g_autoptr(ComptoirCsvPreview) preview = preview_of (
    "Nom;Prix;Cat\xe9gorie\r\n"
    "Cr\xe8me br\xfbl\xe9\x65;3,20;Desserts\r\n"
    "\x8c\x75\x66s;0,40;\xc9picerie\r\n", -1);

  g_assert_cmpstr (preview->encoding, ==, "Windows-1252");
  g_assert_cmpint (preview->fields[2], ==, COMPTOIR_CSV_FIELD_CATEGORY);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpstr (comptoir_product_get_name (row_product (preview, 0)), ==, "Crème brûlée");
  g_assert_cmpstr (comptoir_product_get_name (row_product (preview, 1)), ==, "Œufs");
  g_assert_cmpstr (comptoir_product_get_category (row_product (preview, 1)), ==, "Épicerie");
}

static void
test_utf16 (void)
{
  g_autofree char *utf16 = NULL;
  gsize len = 0;
  g_autoptr(GString) data = g_string_new ("\xff\xfe");
  g_autoptr(ComptoirCsvPreview) preview = NULL;

  utf16 = g_convert ("Nom\tPrix\nThé vert\t6,90\n", -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_string_append_len (data, utf16, len);
  preview = preview_of (data->str, data->len);
  g_assert_cmpstr (preview->encoding, ==, "UTF-16");
  g_assert_cmpint (preview->separator, ==, '\t');
  g_assert_cmpstr (comptoir_product_get_name (row_product (preview, 0)), ==, "Thé vert");
}

static void
test_quoted_newlines (void)
{
  g_autoptr(ComptoirCsvPreview) preview = preview_of (
    "nom;description;prix\r\n"
    "Tarte;\"Pâte sablée; fruits de saison\r\nCuite le matin, \"\"maison\"\"\";18,00\r\n"
    "\"Tarte \"\"tatin\"\"\";\"Sur deux\nlignes\naussi\";\r\n"
    "Flan;;2,50\r\n", -1);
  ComptoirCsvRejection *rejection;

  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpstr (comptoir_product_get_description (row_product (preview, 0)), ==,
                   "Pâte sablée; fruits de saison\r\nCuite le matin, \"maison\"");
  /* the second record starts on line 4 and has no price */
  g_assert_cmpuint (preview->rejected->len, ==, 1);
  rejection = g_ptr_array_index (preview->rejected, 0);
  g_assert_cmpuint (rejection->line, ==, 4);
  g_assert_cmpstr (rejection->reason, ==, "Le prix manque.");
  /* and lines are still counted right after it */
  g_assert_cmpuint (((ComptoirCsvRow *) g_ptr_array_index (preview->rows, 1))->line, ==, 7);
}

static void
test_bad_rows (void)
{
  g_autoptr(ComptoirStore) store = open_store ("bad.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirCsvPreview) preview = preview_of (
    "nom;prix;ean;stock;tva;visibilité\n"
    "Bon produit;2,00;;;;vente|vitrine\n"
    ";3,00;;;;\n"
    "Prix faux;douze;;;;\n"
    "Code faux;1,00;4006381333932;;;\n"
    "Stock faux;1,00;;-3;;\n"
    "TVA fausse;1,00;;;19,6;\n"
    "\n"
    "Encore bon;1,5;5901234123457;4;10;privé\n", -1);
  static const struct { guint line; const char *start; } expected[] = {
    { 3, "Le produit n’a pas de nom." },
    { 4, "Prix : " },
    { 5, "Code-barres « 4006381333932 » : Ce code-barres n’est pas valable : son dernier chiffre devrait être 1." },
    { 6, "Stock « -3 » : " },
    { 7, "Taux de TVA « 19,6 » : " },
  };
  guint n_imported = 0;

  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpuint (preview->rejected->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ComptoirCsvRejection *rejection = g_ptr_array_index (preview->rejected, i);

      g_assert_cmpuint (rejection->line, ==, expected[i].line);
      if (!g_str_has_prefix (rejection->reason, expected[i].start))
        g_error ("line %u: “%s” does not start with “%s”", rejection->line, rejection->reason, expected[i].start);
    }
  g_assert_cmpuint (comptoir_product_get_visibility (row_product (preview, 0)), ==,
                    COMPTOIR_VISIBILITY_MARKETPLACE | COMPTOIR_VISIBILITY_DIRECTORY);
  g_assert_cmpuint (((ComptoirCsvRow *) g_ptr_array_index (preview->rows, 1))->line, ==, 9);

  /* nothing is imported until the merchant confirms */
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
  g_assert_true (comptoir_csv_import_commit (store, preview, &n_imported, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 2);
}

static void
test_not_a_product_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) no_header = g_bytes_new_static ("a;b;c\n1;2;3\n", 12);
  g_autoptr(GBytes) binary = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0", 11);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/products.csv");

  g_assert_null (comptoir_csv_preview_from_bytes (no_header, NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (comptoir_csv_preview_from_bytes (binary, NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (comptoir_csv_import_preview (missing, NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
}

static void
test_commit_is_atomic (void)
{
  g_autoptr(ComptoirStore) store = open_store ("atomic.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirCsvPreview) preview = preview_of ("nom;prix\nA;1\nB;2\nC;3\n", -1);

  /* the store refuses the third product: the first two are not kept */
  g_assert_true (comptoir_store_exec (store,
    "CREATE TRIGGER no_c BEFORE INSERT ON products WHEN NEW.name = 'C' "
    "BEGIN SELECT RAISE (ABORT, 'refused'); END", &error));
  g_assert_false (comptoir_csv_import_commit (store, preview, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
}

/* Export format: what the import must give back byte for byte. */
static const char round_trip_csv[] =
  "\xef\xbb\xbfname;description;price;vat_rate;unit;stock;sku;gtin;category;visibility;photos\r\n"
  "Baguette;;1,10;5,5;piece;;BAG-1;;Boulangerie;marketplace|directory;\r\n"
  "Éclair;\"Au café; crème \"\"maison\"\"\r\nsur deux lignes\";3,20;10;piece;4;;;Pâtisserie;directory;\r\n"
  "Miel de châtaignier;;12,00;5,5;kg;0;MIEL-1;4006381333931;Épicerie;marketplace;\r\n"
  "Radis;;1,50;2,1;bunch;25;;;;private;\r\n";

static void
test_round_trip (void)
{
  g_autoptr(ComptoirStore) store = open_store ("roundtrip.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirCsvPreview) preview = preview_of (round_trip_csv, -1);
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *path = comptoir_test_tmp_path ("export.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *written = NULL;
  gsize len;

  g_assert_cmpuint (preview->rejected->len, ==, 0);
  g_assert_true (comptoir_csv_import_commit (store, preview, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  exported = comptoir_csv_export_bytes (store, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                   round_trip_csv, strlen (round_trip_csv));

  g_assert_true (comptoir_csv_export (store, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &written, &len, NULL));
  g_assert_cmpmem (written, len, round_trip_csv, strlen (round_trip_csv));
}

static void
write_png (const char *dir,
           const char *name,
           guint32     rgba)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 300, 200);

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
}

static void
test_photos_column (void)
{
  g_autoptr(ComptoirStore) store = open_store ("photos.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = comptoir_test_tmp_path ("sheet");
  g_autofree char *csv = g_build_filename (dir, "produits.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "photos", "faux.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(ComptoirCsvPreview) preview = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_auto(GStrv) warnings = NULL;
  guint n_imported = 0;

  g_assert_cmpint (g_mkdir_with_parents (bad, 0700) == 0 && g_rmdir (bad) == 0, ==, TRUE);
  write_png (dir, "photos/miel.png", 0xddaa22ff);
  write_png (dir, "photos/pot.png", 0x885511ff);
  write_png (dir, "pain.png", 0xccbb99ff);
  g_assert_true (g_file_set_contents (bad, "pas une image", -1, NULL));
  g_assert_true (g_file_set_contents (csv,
    "nom;prix;photos\n"
    "Miel;9,50;photos/miel.png|photos/pot.png\n"
    "Pain;2,10;\"pain.png, photos/faux.jpg\"\n"
    "Tarte;12;manquante.jpg\n", -1, NULL));

  preview = comptoir_csv_import_preview (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->fields[2], ==, COMPTOIR_CSV_FIELD_PHOTOS);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpuint (g_strv_length (((ComptoirCsvRow *) g_ptr_array_index (preview->rows, 0))->photos), ==, 2);
  /* a photo that is not there refuses its row, before anything is imported */
  g_assert_cmpuint (preview->rejected->len, ==, 1);
  g_assert_cmpstr (((ComptoirCsvRejection *) g_ptr_array_index (preview->rejected, 0))->reason, ==,
                   "La photo « manquante.jpg » ne se trouve pas dans le dossier du tableau.");
  g_assert_cmpint (comptoir_store_count (store, "media"), ==, 0);

  /* through the photo pipeline; the unreadable one is left out, with a warning */
  g_assert_true (comptoir_csv_import_commit (store, preview, &n_imported, &warnings, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_true (g_str_has_prefix (warnings[0], "Ligne 3 : la photo « faux.jpg » n’a pas été reprise : "));
  g_assert_cmpint (comptoir_store_count (store, "media"), ==, 3);

  list = comptoir_product_list_new (store);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ComptoirProduct) product = g_list_model_get_item (list, i);
      g_auto(GStrv) hashes = comptoir_product_photos_get (store, comptoir_product_get_id (product), &error);

      g_assert_no_error (error);
      /* by name: Miel, then Pain */
      g_assert_cmpuint (g_strv_length (hashes), ==, i == 0 ? 2 : 1);
      g_assert_cmpstr (comptoir_product_get_cover_hash (product), ==, hashes[0]);
    }

  /* the export names the stored images, which import back */
  exported = comptoir_csv_export_bytes (store, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported));
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    g_auto(GStrv) fields = g_strsplit (lines[1], ";", -1);
    g_auto(GStrv) paths = g_strsplit (fields[10], "|", -1);

    g_assert_cmpuint (g_strv_length (paths), ==, 2);
    g_assert_true (g_file_test (paths[0], G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (paths[1], G_FILE_TEST_IS_REGULAR));
  }
}

static int
run_cli (const char  *arg,
         const char  *path,
         char       **out,
         char       **err)
{
  const char *binary = g_getenv ("COMPTOIR_BINARY");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { binary, arg, path, NULL };
  int status = -1;
  g_autofree char *data_home = comptoir_test_tmp_path ("cli-data");

  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "fr", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s %s → %d\n%s%s", arg, path, status, *out, *err);
  return g_spawn_check_wait_status (status, NULL) ? 0 : (WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

static void
test_cli (void)
{
  g_autofree char *good = comptoir_test_tmp_path ("good.csv");
  g_autofree char *partial = comptoir_test_tmp_path ("partial.csv");
  g_autofree char *exported = comptoir_test_tmp_path ("exported.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  if (g_getenv ("COMPTOIR_BINARY") == NULL)
    {
      g_test_skip ("COMPTOIR_BINARY is not set");
      return;
    }
  /* the store of the spawned app goes to this test's private XDG_DATA_HOME */
  g_assert_true (g_file_set_contents (good, round_trip_csv, -1, NULL));
  g_assert_true (g_file_set_contents (partial, "nom;prix\nPain;1,00\nGâteau;beaucoup\n", -1, NULL));

  g_assert_cmpint (run_cli ("--import-products", good, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "4 produits importés, 0 ligne refusée\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("--import-products", partial, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "1 produit importé, 1 ligne refusée\n");
  g_assert_nonnull (strstr (err, "Ligne 3 : Prix : "));
  g_assert_nonnull (strstr (err, "beaucoup"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("--import-products", "/nonexistent/file.csv", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Comptoir ne peut pas lire ce fichier"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("--export-products", exported, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "5 produits exportés"));
  g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Pain;;1,00;20;piece;;;;;private;\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("--export-products", "/nonexistent/dir/out.csv", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Comptoir ne peut pas écrire le fichier"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  comptoir_test_init (&argc, &argv);
  setlocale (LC_ALL, "fr_FR.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/csv/utf8-bom-semicolon", test_utf8_bom_semicolon);
  g_test_add_func ("/csv/utf8-comma-dot", test_utf8_comma_dot);
  g_test_add_func ("/csv/windows-1252", test_windows_1252);
  g_test_add_func ("/csv/utf16", test_utf16);
  g_test_add_func ("/csv/quoted-newlines", test_quoted_newlines);
  g_test_add_func ("/csv/bad-rows", test_bad_rows);
  g_test_add_func ("/csv/not-a-product-list", test_not_a_product_list);
  g_test_add_func ("/csv/commit-is-atomic", test_commit_is_atomic);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/photos-column", test_photos_column);
  g_test_add_func ("/csv/cli", test_cli);

  return g_test_run ();
}
