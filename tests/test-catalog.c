// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-error.h"
#include "comptoir-gtin.h"
#include "comptoir-paged-list.h"
#include "comptoir-product-query.h"
#include "comptoir-product-store.h"
#include "comptoir-store-private.h"
#include "comptoir-test-utils.h"
#include "comptoir-text.h"

static ComptoirStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = comptoir_test_tmp_path (name);
  ComptoirStore *store = comptoir_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
add_product (ComptoirStore *store,
             const char    *name,
             gint64         price,
             int            stock, /* -1: not tracked */
             const char    *category)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();

  comptoir_product_set_name (product, name);
  comptoir_product_set_price_cents (product, price);
  comptoir_product_set_stock_tracked (product, stock >= 0);
  comptoir_product_set_stock (product, MAX (stock, 0));
  comptoir_product_set_category (product, category);
  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_no_error (error);
  return comptoir_product_get_id (product);
}

static void
test_gtin (void)
{
  static const char *valid[] = {
    "4006381333931", "5901234123457", "036000291452", "96385074", "00012345600012",
    "400 6381 33393 1", "",
  };
  static const char *wrong_digit[] = { "4006381333932", "036000291453", "96385075" };
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *digits = NULL;

      g_assert_true (comptoir_gtin_check (valid[i], &digits, &error));
      g_assert_no_error (error);
    }
  g_assert_true (comptoir_gtin_check ("400-6381-33393-1", &normalized, NULL));
  g_assert_cmpstr (normalized, ==, "4006381333931");

  for (guint i = 0; i < G_N_ELEMENTS (wrong_digit); i++)
    {
      g_assert_false (comptoir_gtin_check (wrong_digit[i], NULL, &error));
      g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }

  /* wrong length, letters */
  g_assert_false (comptoir_gtin_check ("123456789", NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "9"));
  g_clear_error (&error);
  g_assert_false (comptoir_gtin_check ("40063813339A1", NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

static void
test_gtin_refused_on_save (void)
{
  g_autoptr(ComptoirStore) store = open_store ("gtin.db");
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(GError) error = NULL;

  comptoir_product_set_name (product, "Confiture");
  comptoir_product_set_gtin (product, "4006381333932");
  g_assert_false (comptoir_product_save (store, product, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
  g_clear_error (&error);

  comptoir_product_set_gtin (product, "4006 3813 3393 1");
  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_cmpstr (comptoir_product_get_gtin (product), ==, "4006381333931");
}

static GPtrArray *
make_options (const char *name1, const char * const *values1,
              const char *name2, const char * const *values2)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);

  g_ptr_array_add (options, comptoir_product_option_new (name1, values1));
  if (name2 != NULL)
    g_ptr_array_add (options, comptoir_product_option_new (name2, values2));
  return options;
}

static void
test_variants (void)
{
  g_autoptr(ComptoirStore) store = open_store ("variants.db");
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(ComptoirProduct) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *sizes[] = { "S", "M", "L", NULL };
  const char *colours[] = { "Rouge", "Bleu", NULL };
  g_autoptr(GPtrArray) options = make_options ("Taille", sizes, "Couleur", colours);
  g_autoptr(GPtrArray) variants = comptoir_variants_generate (options, NULL, 1500);
  g_autoptr(GPtrArray) regenerated = NULL;
  ComptoirVariant *v;

  g_assert_cmpuint (variants->len, ==, 6);
  v = g_ptr_array_index (variants, 3); /* M, Bleu */
  g_assert_cmpstr (v->value1, ==, "M");
  g_assert_cmpstr (v->value2, ==, "Bleu");
  v->price_cents = 1800;
  v->stock_tracked = TRUE;
  v->stock = 4;
  g_free (v->sku);
  v->sku = g_strdup ("TS-M-BL");

  comptoir_product_set_name (product, "Tablier brodé");
  comptoir_product_set_price_cents (product, 1500);
  comptoir_product_set_options (product, options);
  comptoir_product_set_variants (product, variants);
  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_no_error (error);

  loaded = comptoir_product_load (store, comptoir_product_get_id (product), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comptoir_product_get_options (loaded)->len, ==, 2);
  g_assert_cmpstr (((ComptoirProductOption *) g_ptr_array_index (comptoir_product_get_options (loaded), 1))->name, ==, "Couleur");
  g_assert_cmpuint (comptoir_product_get_variants (loaded)->len, ==, 6);
  v = g_ptr_array_index (comptoir_product_get_variants (loaded), 3);
  g_assert_cmpstr (v->sku, ==, "TS-M-BL");
  g_assert_cmpint (v->price_cents, ==, 1800);
  g_assert_true (v->stock_tracked);
  g_assert_cmpint (v->stock, ==, 4);
  v = g_ptr_array_index (comptoir_product_get_variants (loaded), 0);
  g_assert_false (v->stock_tracked);

  /* Adding a size keeps what was typed for the other combinations. */
  {
    const char *more_sizes[] = { "S", "M", "L", "XL", NULL };
    g_autoptr(GPtrArray) more = make_options ("Taille", more_sizes, "Couleur", colours);

    regenerated = comptoir_variants_generate (more, comptoir_product_get_variants (loaded), 1500);
    g_assert_cmpuint (regenerated->len, ==, 8);
    v = g_ptr_array_index (regenerated, 3);
    g_assert_cmpstr (v->sku, ==, "TS-M-BL");
    v = g_ptr_array_index (regenerated, 7);
    g_assert_cmpstr (v->value1, ==, "XL");
    g_assert_cmpint (v->price_cents, ==, 1500);
  }

  /* A variant that matches no option value is refused; nothing changes. */
  {
    g_autoptr(GPtrArray) bad = comptoir_variants_generate (options, NULL, 100);

    v = g_ptr_array_index (bad, 0);
    g_free (v->value1);
    v->value1 = g_strdup ("XXL");
    comptoir_product_set_variants (loaded, bad);
    g_assert_false (comptoir_product_save (store, loaded, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* Duplicate values and three options are refused too. */
  {
    const char *twice[] = { "S", "S", NULL };
    g_autoptr(GPtrArray) dup = make_options ("Taille", twice, NULL, NULL);
    g_autoptr(GPtrArray) three = make_options ("A", sizes, "B", colours);

    g_assert_false (comptoir_variants_check (dup, NULL, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_ptr_array_add (three, comptoir_product_option_new ("C", sizes));
    g_assert_false (comptoir_variants_check (three, NULL, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }
  g_assert_cmpint (comptoir_store_count (store, "product_variants"), ==, 6);

  /* A product read from the list (no details) keeps its variants on save. */
  {
    g_autoptr(GListModel) list = comptoir_product_list_new (store);
    g_autoptr(ComptoirProduct) item = g_list_model_get_item (list, 0);

    g_assert_false (comptoir_product_get_details_loaded (item));
    comptoir_product_set_price_cents (item, 1600);
    g_assert_true (comptoir_product_save (store, item, &error));
    g_assert_cmpint (comptoir_store_count (store, "product_variants"), ==, 6);
  }

  /* One option only: value2 stays NULL. */
  {
    g_autoptr(GPtrArray) one = make_options ("Poids", (const char *[]) { "250 g", "500 g", NULL }, NULL, NULL);
    g_autoptr(GPtrArray) gen = comptoir_variants_generate (one, NULL, 500);
    g_autoptr(ComptoirProduct) reloaded = NULL;

    comptoir_product_set_options (loaded, one);
    comptoir_product_set_variants (loaded, gen);
    g_assert_true (comptoir_product_save (store, loaded, &error));
    g_assert_no_error (error);
    reloaded = comptoir_product_load (store, comptoir_product_get_id (loaded), &error);
    g_assert_cmpuint (comptoir_product_get_variants (reloaded)->len, ==, 2);
    g_assert_null (((ComptoirVariant *) g_ptr_array_index (comptoir_product_get_variants (reloaded), 1))->value2);
  }
}

static void
test_duplicate_archive (void)
{
  g_autoptr(ComptoirStore) store = open_store ("dup.db");
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(ComptoirProduct) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  const char *values[] = { "Petit", "Grand", NULL };
  g_autoptr(GPtrArray) options = make_options ("Format", values, NULL, NULL);
  g_autoptr(GPtrArray) variants = comptoir_variants_generate (options, NULL, 900);
  gint64 copy_id;

  comptoir_product_set_name (product, "Miel de châtaignier");
  comptoir_product_set_price_cents (product, 900);
  comptoir_product_set_gtin (product, "4006381333931");
  comptoir_product_set_visibility (product, COMPTOIR_VISIBILITY_MARKETPLACE);
  comptoir_product_set_options (product, options);
  comptoir_product_set_variants (product, variants);
  g_assert_true (comptoir_product_save (store, product, &error));

  copy_id = comptoir_product_duplicate (store, comptoir_product_get_id (product), &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, !=, comptoir_product_get_id (product));
  copy = comptoir_product_load (store, copy_id, &error);
  g_assert_cmpstr (comptoir_product_get_name (copy), ==, "Miel de châtaignier (copie)");
  g_assert_cmpstr (comptoir_product_get_uuid (copy), !=, comptoir_product_get_uuid (product));
  g_assert_cmpint (comptoir_product_get_price_cents (copy), ==, 900);
  g_assert_cmpstr (comptoir_product_get_gtin (copy), ==, "");
  g_assert_cmpuint (comptoir_product_get_visibility (copy), ==, COMPTOIR_VISIBILITY_PRIVATE);
  g_assert_cmpuint (comptoir_product_get_variants (copy)->len, ==, 2);

  list = comptoir_product_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_true (comptoir_product_archive (store, copy_id, TRUE, &error));
  comptoir_paged_list_reload (COMPTOIR_PAGED_LIST (list));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    ComptoirProductQuery query = { .archived = TRUE };
    g_autoptr(GListModel) archived = comptoir_product_query_run (store, &query);
    g_assert_cmpuint (g_list_model_get_n_items (archived), ==, 1);
  }
  g_assert_true (comptoir_product_archive (store, copy_id, FALSE, &error));
  comptoir_paged_list_reload (COMPTOIR_PAGED_LIST (list));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  g_assert_false (comptoir_product_archive (store, 999, TRUE, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
}

static void
test_delete_undo (void)
{
  g_autoptr(ComptoirStore) store = open_store ("undo.db");
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(ComptoirProduct) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  const char *values[] = { "Petit", "Grand", NULL };
  g_autoptr(GPtrArray) options = make_options ("Format", values, NULL, NULL);
  g_autoptr(GPtrArray) variants = comptoir_variants_generate (options, NULL, 350);
  g_autofree char *uuid = NULL;
  gint64 id, restored;

  comptoir_product_set_name (product, "Éclair au café");
  comptoir_product_set_price_cents (product, 350);
  comptoir_product_set_category (product, "Pâtisserie");
  comptoir_product_set_stock_tracked (product, TRUE);
  comptoir_product_set_stock (product, 12);
  comptoir_product_set_options (product, options);
  comptoir_product_set_variants (product, variants);
  g_assert_true (comptoir_product_save (store, product, &error));
  id = comptoir_product_get_id (product);
  uuid = g_strdup (comptoir_product_get_uuid (product));

  snapshot = comptoir_product_delete_with_snapshot (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
  g_assert_cmpint (comptoir_store_count (store, "product_variants"), ==, 0);

  restored = comptoir_product_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, ==, id);
  back = comptoir_product_load (store, restored, &error);
  g_assert_cmpstr (comptoir_product_get_uuid (back), ==, uuid);
  g_assert_cmpstr (comptoir_product_get_name (back), ==, "Éclair au café");
  g_assert_cmpstr (comptoir_product_get_category (back), ==, "Pâtisserie");
  g_assert_cmpint (comptoir_product_get_stock (back), ==, 12);
  g_assert_cmpuint (comptoir_product_get_variants (back)->len, ==, 2);

  /* Undoing twice does not create a second product. */
  g_assert_cmpint (comptoir_product_restore (store, snapshot, &error), ==, 0);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 1);

  /* When the id was taken meanwhile, the product comes back under a new one. */
  g_clear_pointer (&snapshot, g_free);
  snapshot = comptoir_product_delete_with_snapshot (store, id, &error);
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store,
      "INSERT INTO products (id, uuid, name, price_cents, created_at, updated_at) "
      "VALUES (?1, 'other', 'Autre', 1, '', '')", &e);
    sqlite3_bind_int64 (stmt, 1, id);
    g_assert_true (comptoir_store_step_done (store, stmt, &e));
  }
  restored = comptoir_product_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, !=, id);
  g_clear_object (&back);
  back = comptoir_product_load (store, restored, &error);
  g_assert_cmpstr (comptoir_product_get_uuid (back), ==, uuid);
  g_assert_cmpuint (comptoir_product_get_variants (back)->len, ==, 2);

  g_assert_null (comptoir_product_delete_with_snapshot (store, 4242, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
}

static gint64
price_of (ComptoirStore *store,
          gint64         id)
{
  g_autoptr(ComptoirProduct) product = comptoir_product_load (store, id, NULL);
  return comptoir_product_get_price_cents (product);
}

static void
test_bulk_edit (void)
{
  g_autoptr(ComptoirStore) store = open_store ("bulk.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirProduct) with_variants = comptoir_product_new ();
  g_autoptr(ComptoirProduct) loaded = NULL;
  const char *values[] = { "S", "M", NULL };
  g_autoptr(GPtrArray) options = make_options ("Taille", values, NULL, NULL);
  g_autoptr(GPtrArray) variants = comptoir_variants_generate (options, NULL, 1999);
  gint64 ids[3];
  gint64 untouched;
  ComptoirBulkEdit edit = { 0 };

  ids[0] = add_product (store, "Pain", 333, 5, "Boulangerie");
  ids[1] = add_product (store, "Brioche", 50, -1, "");
  comptoir_product_set_name (with_variants, "T-shirt");
  comptoir_product_set_price_cents (with_variants, 1999);
  comptoir_product_set_options (with_variants, options);
  comptoir_product_set_variants (with_variants, variants);
  g_assert_true (comptoir_product_save (store, with_variants, &error));
  ids[2] = comptoir_product_get_id (with_variants);
  untouched = add_product (store, "Croissant", 110, 3, "Viennoiserie");

  /* +10 %: 3,33 → 3,66 (3,663 rounded); 0,50 → 0,55; 19,99 → 21,99 (21,989) */
  edit.kind = COMPTOIR_BULK_PRICE_PERCENT;
  edit.amount = 1000;
  g_assert_true (comptoir_products_bulk_edit (store, ids, 3, &edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (price_of (store, ids[0]), ==, 366);
  g_assert_cmpint (price_of (store, ids[1]), ==, 55);
  g_assert_cmpint (price_of (store, ids[2]), ==, 2199);
  g_assert_cmpint (price_of (store, untouched), ==, 110);
  loaded = comptoir_product_load (store, ids[2], &error);
  g_assert_cmpint (((ComptoirVariant *) g_ptr_array_index (comptoir_product_get_variants (loaded), 1))->price_cents, ==, 2199);
  g_clear_object (&loaded);

  /* −1,00 €: never below zero */
  edit.kind = COMPTOIR_BULK_PRICE_ADD;
  edit.amount = -100;
  g_assert_true (comptoir_products_bulk_edit (store, ids, 3, &edit, &error));
  g_assert_cmpint (price_of (store, ids[0]), ==, 266);
  g_assert_cmpint (price_of (store, ids[1]), ==, 0);
  g_assert_cmpint (price_of (store, ids[2]), ==, 2099);

  /* −100 % makes everything free, −150 % is refused and changes nothing */
  edit.kind = COMPTOIR_BULK_PRICE_PERCENT;
  edit.amount = -15000;
  g_assert_false (comptoir_products_bulk_edit (store, ids, 3, &edit, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (price_of (store, ids[0]), ==, 266);

  edit.kind = COMPTOIR_BULK_SET_STOCK;
  edit.amount = 7;
  g_assert_true (comptoir_products_bulk_edit (store, ids, 2, &edit, &error));
  loaded = comptoir_product_load (store, ids[1], &error);
  g_assert_true (comptoir_product_get_stock_tracked (loaded));
  g_assert_cmpint (comptoir_product_get_stock (loaded), ==, 7);
  g_clear_object (&loaded);

  edit.kind = COMPTOIR_BULK_SET_CATEGORY;
  edit.category = "Épicerie";
  g_assert_true (comptoir_products_bulk_edit (store, ids, 3, &edit, &error));
  edit.kind = COMPTOIR_BULK_SET_VISIBILITY;
  edit.visibility = COMPTOIR_VISIBILITY_MARKETPLACE | COMPTOIR_VISIBILITY_DIRECTORY;
  g_assert_true (comptoir_products_bulk_edit (store, ids, 3, &edit, &error));
  {
    ComptoirProductQuery query = { .category = "Épicerie", .visibility = COMPTOIR_VISIBILITY_DIRECTORY };
    g_autoptr(GListModel) list = comptoir_product_query_run (store, &query);
    g_auto(GStrv) categories = comptoir_product_list_categories (store, &error);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
    g_assert_cmpuint (g_strv_length (categories), ==, 2);
    g_assert_cmpstr (categories[0], ==, "Épicerie");
  }

  /* A failure inside the transaction leaves every product as it was. */
  {
    g_autoptr(GError) e = NULL;
    g_assert_true (comptoir_store_exec (store,
      "CREATE TRIGGER fail_on_price BEFORE UPDATE OF price_cents ON product_variants "
      "BEGIN SELECT RAISE (ABORT, 'refused'); END", &e));
    edit.kind = COMPTOIR_BULK_PRICE_ADD;
    edit.amount = 100;
    g_assert_false (comptoir_products_bulk_edit (store, ids, 3, &edit, &error));
    g_clear_error (&error);
    g_assert_cmpint (price_of (store, ids[0]), ==, 266);
  }
}

static void
test_bulk_price_parse (void)
{
  static const struct { const char *text; ComptoirBulkKind kind; gint64 amount; } cases[] = {
    { "+10 %", COMPTOIR_BULK_PRICE_PERCENT, 1000 },
    { "10%", COMPTOIR_BULK_PRICE_PERCENT, 1000 },
    { "-2,5 %", COMPTOIR_BULK_PRICE_PERCENT, -250 },
    { "−15 %", COMPTOIR_BULK_PRICE_PERCENT, -1500 },
    { "+0,50", COMPTOIR_BULK_PRICE_ADD, 50 },
    { "-1,20 €", COMPTOIR_BULK_PRICE_ADD, -120 },
    { " 2 ", COMPTOIR_BULK_PRICE_ADD, 200 },
  };
  static const char *bad[] = { "", "%", "dix", "+-3", "-150 %", "1,234 %" };
  ComptoirBulkEdit edit;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (comptoir_bulk_price_parse (cases[i].text, &edit, &error));
      g_assert_no_error (error);
      g_assert_cmpint (edit.kind, ==, cases[i].kind);
      g_assert_cmpint (edit.amount, ==, cases[i].amount);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (comptoir_bulk_price_parse (bad[i], &edit, &error));
      g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
    }
}

static gboolean
fill_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  guint n = GPOINTER_TO_UINT (user_data);
  static const char *words[] = { "Pain", "Tarte", "Éclair", "Confiture", "Miel", "Fromage", "Œuf", "Savon" };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirProduct) product = comptoir_product_new ();
      g_autofree char *name = g_strdup_printf ("%s n°%05u", words[i % G_N_ELEMENTS (words)], i);
      g_autofree char *sku = g_strdup_printf ("REF-%05u", i);

      comptoir_product_set_name (product, name);
      comptoir_product_set_sku (product, sku);
      comptoir_product_set_price_cents (product, (i * 37) % 5000);
      comptoir_product_set_stock_tracked (product, i % 3 != 0);
      comptoir_product_set_stock (product, i % 3 == 1 ? 0 : i % 50);
      comptoir_product_set_category (product, i % 2 ? "Épicerie" : "Boulangerie");
      if (!comptoir_product_write (store, product, error))
        return FALSE;
    }
  return TRUE;
}

static gdouble
timed_count (ComptoirStore              *store,
             const ComptoirProductQuery *query,
             guint                      *n_items)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GListModel) list = comptoir_product_query_run (store, query);
  g_autoptr(GObject) first = NULL;

  *n_items = g_list_model_get_n_items (list);
  if (*n_items > 0)
    first = g_list_model_get_item (list, *n_items - 1);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
test_query_10000 (void)
{
  g_autoptr(ComptoirStore) store = open_store ("query.db");
  g_autoptr(GError) error = NULL;
  guint n;
  gdouble ms;

  g_assert_true (comptoir_store_transaction (store, fill_tx, GUINT_TO_POINTER (10000), &error));
  g_assert_no_error (error);

  /* accents and case do not matter; every word must match */
  {
    ComptoirProductQuery query = { .search = "eclair" };
    ms = timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 1250);
    g_test_message ("search, 10,000 products: %.1f ms", ms);
  }
  {
    ComptoirProductQuery query = { .search = "OEUF 0007" };
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 2); /* Œuf n°00070 … n°00078 contain "0007": 00070 and 00078 */
  }
  {
    ComptoirProductQuery query = { .search = "ref-0999" };
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 10); /* SKU REF-09990 … REF-09999 */
  }
  {
    ComptoirProductQuery query = { .search = "100%" };
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 0); /* % is a character, not a wildcard */
  }

  /* filters */
  {
    ComptoirProductQuery query = { .stock = COMPTOIR_STOCK_FILTER_NOT_TRACKED };
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 3334);
  }
  {
    ComptoirProductQuery query = { .stock = COMPTOIR_STOCK_FILTER_OUT_OF_STOCK, .category = "Épicerie" };
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, >, 0);
    {
      g_autoptr(GListModel) list = comptoir_product_query_run (store, &query);
      for (guint i = 0; i < n; i += 97)
        {
          g_autoptr(ComptoirProduct) p = g_list_model_get_item (list, i);
          g_assert_true (comptoir_product_get_stock_tracked (p));
          g_assert_cmpint (comptoir_product_get_stock (p), ==, 0);
          g_assert_cmpstr (comptoir_product_get_category (p), ==, "Épicerie");
        }
    }
  }

  /* published on a platform, through the publications of its accounts */
  {
    g_autoptr(GError) e = NULL;
    g_assert_true (comptoir_store_exec (store,
      "INSERT INTO accounts (id, kind, base_url, created_at) VALUES (1, 'marketplace', 'https://m', ''),"
      " (2, 'directory', 'https://d', '');"
      "INSERT INTO product_publications (product_id, account_id, state) "
      "SELECT id, 1, 'published' FROM products WHERE id <= 100;"
      "INSERT INTO product_publications (product_id, account_id, state) "
      "SELECT id, 2, 'pending' FROM products WHERE id <= 10;", &e));
    g_assert_no_error (e);
  }
  {
    ComptoirProductQuery query = { .marketplace = COMPTOIR_PUBLISHED_YES };
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 100);
    query.marketplace = COMPTOIR_PUBLISHED_NO;
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 9900);
    query.marketplace = COMPTOIR_PUBLISHED_ANY;
    query.directory = COMPTOIR_PUBLISHED_YES;
    timed_count (store, &query, &n);
    g_assert_cmpuint (n, ==, 0);
  }

  /* sorts: check the order along the list, and that each stays fast */
  for (ComptoirProductSort sort = COMPTOIR_PRODUCT_SORT_NAME; sort <= COMPTOIR_PRODUCT_SORT_UPDATED; sort++)
    for (int desc = 0; desc <= 1; desc++)
      {
        ComptoirProductQuery query = { .sort = sort, .descending = desc };
        g_autoptr(GListModel) list = comptoir_product_query_run (store, &query);
        g_autoptr(ComptoirProduct) prev = NULL;
        gint64 start = g_get_monotonic_time ();

        g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10000);
        for (guint i = 0; i < 10000; i += 7)
          {
            g_autoptr(ComptoirProduct) p = g_list_model_get_item (list, i);
            if (prev != NULL && sort == COMPTOIR_PRODUCT_SORT_PRICE)
              {
                if (desc)
                  g_assert_cmpint (comptoir_product_get_price_cents (prev), >=, comptoir_product_get_price_cents (p));
                else
                  g_assert_cmpint (comptoir_product_get_price_cents (prev), <=, comptoir_product_get_price_cents (p));
              }
            if (prev != NULL && sort == COMPTOIR_PRODUCT_SORT_NAME && !desc)
              {
                g_autofree char *a = comptoir_text_fold (comptoir_product_get_name (prev));
                g_autofree char *b = comptoir_text_fold (comptoir_product_get_name (p));
                g_assert_cmpint (strcmp (a, b), <=, 0);
              }
            if (prev != NULL && sort == COMPTOIR_PRODUCT_SORT_STOCK && !desc
                && comptoir_product_get_stock_tracked (p))
              {
                g_assert_true (comptoir_product_get_stock_tracked (prev));
                g_assert_cmpint (comptoir_product_get_stock (prev), <=, comptoir_product_get_stock (p));
              }
            g_set_object (&prev, p);
          }
        g_test_message ("sort %d%s: walked 10,000 in %.1f ms", sort, desc ? " desc" : "",
                        (g_get_monotonic_time () - start) / 1000.0);
      }

  /* "Éclair" sorts among the E, not after Z */
  {
    g_autoptr(GListModel) list = comptoir_product_query_run (store, NULL);
    g_autoptr(ComptoirProduct) p = g_list_model_get_item (list, 1250 * 2); /* after Confiture, Éclair */
    g_assert_true (g_str_has_prefix (comptoir_product_get_name (p), "Fromage"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  comptoir_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/catalog/gtin", test_gtin);
  g_test_add_func ("/catalog/gtin-refused-on-save", test_gtin_refused_on_save);
  g_test_add_func ("/catalog/variants", test_variants);
  g_test_add_func ("/catalog/duplicate-archive", test_duplicate_archive);
  g_test_add_func ("/catalog/delete-undo", test_delete_undo);
  g_test_add_func ("/catalog/bulk-edit", test_bulk_edit);
  g_test_add_func ("/catalog/bulk-price-parse", test_bulk_price_parse);
  g_test_add_func ("/catalog/query-10000", test_query_10000);

  return g_test_run ();
}
