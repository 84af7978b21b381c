// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "comptoir-csv-import-dialog.h"
#include "comptoir-account.h"
#include "comptoir-media-store.h"
#include "comptoir-outbox.h"
#include "comptoir-photo-strip.h"
#include "comptoir-product-editor.h"
#include "comptoir-product-query.h"
#include "comptoir-product-store.h"
#include "comptoir-products-page.h"
#include "comptoir-ui-test-utils.h"

/* Creates a product with two photos and a variant through the real
 * editor of the real window, in French, and finds it in the list. */

static gboolean
is_idle (gpointer strip)
{
  return !comptoir_photo_strip_get_busy (strip);
}

static gboolean
no_editor (gpointer unused)
{
  return comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR, COMPTOIR_UI_TEST_VISIBLE) == NULL;
}

static GtkWidget *
child (ComptoirProductEditor *editor,
       const char            *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), COMPTOIR_TYPE_PRODUCT_EDITOR, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
type (ComptoirProductEditor *editor,
      const char            *name,
      const char            *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, name)), text);
  comptoir_ui_test_spin (20);
}

static GFile *
write_photo (const char *name,
             guint32     rgba)
{
  g_autofree char *path = comptoir_test_tmp_path (name);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  return g_file_new_for_path (path);
}

static void
test_create_with_photos_and_variant (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 900, 700);
  ComptoirStore *store = comptoir_application_get_store (app);
  ComptoirProductsPage *page;
  ComptoirProductEditor *editor;
  ComptoirPhotoStrip *strip;
  GtkWidget *status;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) red = write_photo ("rouge.png", 0xcc2222ff);
  g_autoptr(GFile) green = write_photo ("vert.png", 0x22aa44ff);
  g_autoptr(ComptoirProduct) saved = NULL;
  g_autoptr(ComptoirProduct) first = NULL;
  g_auto(GStrv) photos = NULL;
  GPtrArray *variants;
  GListModel *model;
  GtkGrid *grid;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "products");
  comptoir_ui_test_spin (200);
  page = COMPTOIR_PRODUCTS_PAGE (comptoir_ui_test_find_widget (GTK_WIDGET (window), COMPTOIR_TYPE_PRODUCTS_PAGE, NULL,
                                                               COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (page);

  /* An empty catalogue offers both ways to start. */
  status = comptoir_ui_test_find_widget (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE, NULL, COMPTOIR_UI_TEST_ANY);
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (page), "Pas encore de produits", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (status);
  comptoir_ui_test_save_screenshot (GTK_WIDGET (window), "products-empty");

  /* Ctrl+N opens the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.add", NULL));
  comptoir_ui_test_spin (300);
  editor = comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR, COMPTOIR_UI_TEST_VISIBLE);
  g_assert_nonnull (editor);
  comptoir_ui_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Nouveau produit");

  /* Nothing typed yet: Save is off, and the window says why, in French. */
  g_assert_false (comptoir_product_editor_is_valid (editor));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));

  type (editor, "name", "Confiture d’abricots");
  type (editor, "price", "4,5x");
  g_assert_false (comptoir_product_editor_is_valid (editor));
  g_assert_true (gtk_widget_get_visible (child (editor, "price_error")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (editor, "message"))), ==,
                   "Pour enregistrer, corrigez le champ « Prix TTC ».");
  /* what was typed stays as typed */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "price"))), ==, "4,5x");
  type (editor, "price", "4,50");

  type (editor, "gtin", "4006381333932");
  g_assert_false (comptoir_product_editor_is_valid (editor));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (editor, "gtin_error"))),
                                   "Ce code-barres n’est pas valable"));
  type (editor, "gtin", "4006381333931");
  type (editor, "category", "Épicerie");

  /* one option, two values: a grid of two variants; the larger jar costs more */
  type (editor, "option1_name", "Pot");
  type (editor, "option1_values", "250 g, 500 g");
  grid = GTK_GRID (child (editor, "variants_grid"));
  g_assert_nonnull (gtk_grid_get_child_at (grid, 1, 2));
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 1, 2)), "7,90");
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 2)), "12");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (editor, "on_marketplace")), TRUE);

  /* two photos, as the file chooser hands them over */
  strip = COMPTOIR_PHOTO_STRIP (comptoir_ui_test_find_widget (child (editor, "photos_box"), COMPTOIR_TYPE_PHOTO_STRIP, NULL,
                                                              COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (strip);
  g_list_store_append (files, red);
  g_list_store_append (files, green);
  comptoir_photo_strip_add_files (strip, G_LIST_MODEL (files));
  /* Save waits for the photos */
  g_assert_false (comptoir_product_editor_is_valid (editor));
  g_assert_true (comptoir_ui_test_wait_until (is_idle, strip));
  comptoir_ui_test_spin (100);
  g_assert_true (comptoir_product_editor_is_valid (editor));
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (editor), "product-editor");

  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (comptoir_ui_test_wait_until (no_editor, NULL));
  comptoir_ui_test_spin (300);

  /* in the list, with its price and its cover */
  model = comptoir_products_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (comptoir_product_get_name (first), ==, "Confiture d’abricots");
  g_assert_nonnull (comptoir_product_get_cover_hash (first));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (page), "Confiture d’abricots", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (page), "4,50\u00a0€", COMPTOIR_UI_TEST_MAPPED));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (window), "products-one");

  /* and in the store: two photos, two variants, the second at 7,90 € with 12 in stock */
  saved = comptoir_product_load (store, comptoir_product_get_id (first), NULL);
  photos = comptoir_product_photos_get (store, comptoir_product_get_id (first), NULL);
  g_assert_cmpuint (g_strv_length (photos), ==, 2);
  g_assert_cmpstr (photos[0], ==, comptoir_product_get_cover_hash (first));
  variants = comptoir_product_get_variants (saved);
  g_assert_cmpuint (variants->len, ==, 2);
  g_assert_cmpstr (((ComptoirVariant *) g_ptr_array_index (variants, 1))->value1, ==, "500 g");
  g_assert_cmpint (((ComptoirVariant *) g_ptr_array_index (variants, 1))->price_cents, ==, 790);
  g_assert_true (((ComptoirVariant *) g_ptr_array_index (variants, 1))->stock_tracked);
  g_assert_cmpint (((ComptoirVariant *) g_ptr_array_index (variants, 0))->price_cents, ==, 450);
  g_assert_cmpstr (comptoir_product_get_gtin (saved), ==, "4006381333931");
  g_assert_cmpuint (comptoir_product_get_visibility (saved), ==, COMPTOIR_VISIBILITY_MARKETPLACE);

  /* the grid view shows the same product */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.grid", NULL));
  comptoir_ui_test_spin (500);
  g_assert_nonnull (comptoir_ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL, COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (page), "Confiture d’abricots", COMPTOIR_UI_TEST_MAPPED));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (window), "products-grid");
  gtk_widget_activate_action (GTK_WIDGET (page), "products.grid", NULL);

  /* a search that finds nothing says so */
  gtk_editable_set_text (GTK_EDITABLE (comptoir_ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL,
                                                                     COMPTOIR_UI_TEST_ANY)), "chocolat");
  comptoir_ui_test_spin (600);
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (page), "Aucun produit trouvé", COMPTOIR_UI_TEST_MAPPED));
  gtk_editable_set_text (GTK_EDITABLE (comptoir_ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL,
                                                                     COMPTOIR_UI_TEST_ANY)), "abricot");
  comptoir_ui_test_spin (600);
  g_assert_cmpuint (g_list_model_get_n_items (comptoir_products_page_get_model (page)), ==, 1);

  /* Reopening it and closing with a change asks before losing it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.edit", "x",
                                             comptoir_product_get_id (first)));
  comptoir_ui_test_spin (300);
  editor = comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR, COMPTOIR_UI_TEST_VISIBLE);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "option1_values"))), ==, "250 g, 500 g");
  type (editor, "name", "Confiture d’abricots du Roussillon");
  gtk_window_close (GTK_WINDOW (editor));
  comptoir_ui_test_spin (300);
  g_assert_nonnull (comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR, COMPTOIR_UI_TEST_VISIBLE));
  g_assert_nonnull (comptoir_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, COMPTOIR_UI_TEST_VISIBLE));
  adw_message_dialog_response (comptoir_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                               COMPTOIR_UI_TEST_VISIBLE), "discard");
  comptoir_ui_test_spin (300);
  g_assert_null (comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR, COMPTOIR_UI_TEST_VISIBLE));
  g_clear_object (&saved);
  saved = comptoir_product_load (store, comptoir_product_get_id (first), NULL);
  g_assert_cmpstr (comptoir_product_get_name (saved), ==, "Confiture d’abricots");

  /* Delete, then undo from the toast's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.delete", "x",
                                             comptoir_product_get_id (first)));
  comptoir_ui_test_spin (300);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
  g_assert_nonnull (comptoir_ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, NULL,
                                                  COMPTOIR_UI_TEST_ANY));

  comptoir_ui_test_stop_app (app);
}

static gboolean
has_import_button (gpointer dialog)
{
  /* once the preview is there, the suggested button names the count */
  return comptoir_ui_test_find_label (GTK_WIDGET (dialog), "Importer 2 produits", COMPTOIR_UI_TEST_MAPPED) != NULL;
}

static void
imported_cb (ComptoirCsvImportDialog *dialog,
             guint                    n,
             guint                   *out)
{
  *out = n;
}

static gboolean
is_imported (gpointer n)
{
  return *(guint *) n != 0;
}

static void
test_import_preview (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 900, 700);
  ComptoirStore *store = comptoir_application_get_store (app);
  g_autofree char *path = comptoir_test_tmp_path ("import.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ComptoirCsvImportDialog *dialog;
  GtkWidget *button;
  gint64 before = comptoir_store_count (store, "products");
  guint n_imported = 0;

  g_assert_true (g_file_set_contents (path,
    "Nom;Prix TTC;Couleur préférée\r\nSavon;3,50;bleu\r\nBougie;douze;rouge\r\nLessive;8;vert\r\n", -1, NULL));
  dialog = comptoir_csv_import_dialog_new (GTK_WINDOW (window), store, file);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &n_imported);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (comptoir_ui_test_wait_until (has_import_button, dialog));
  comptoir_ui_test_spin (200);

  /* the mapping, the refused row with its reason, the rows to import */
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (dialog), "Couleur préférée", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (dialog), "Ignorée", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (dialog), "Ligne 3", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (dialog), "Lessive", COMPTOIR_UI_TEST_MAPPED));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-preview");
  /* nothing imported before the merchant confirms */
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, before);

  button = gtk_widget_get_parent (comptoir_ui_test_find_label (GTK_WIDGET (dialog), "Importer 2 produits",
                                                               COMPTOIR_UI_TEST_MAPPED));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (comptoir_ui_test_wait_until (is_imported, &n_imported));
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, before + 2);
  comptoir_ui_test_spin (300);

  comptoir_ui_test_stop_app (app);
}

/* The platform refused the last change because the product changed there
 * too: the editor says so on the product, and the merchant can send their
 * version, which ends the conflict and queues the product again. */
static gboolean
write_product_tx (ComptoirStore  *store,
                  gpointer        user_data,
                  GError        **error)
{
  return comptoir_product_write (store, user_data, error);
}

static void
test_conflict_send_mine (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("conflict.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(ComptoirProduct) jam = comptoir_product_new ();
  g_autoptr(ComptoirOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  ComptoirOutboxSummary summary;
  ComptoirProductEditor *editor;
  GtkWidget *label, *button;
  gint64 account_id;

  g_assert_no_error (error);
  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place-du-village.example/v1");
  comptoir_account_set_platform_name (account, "Place du Village");
  comptoir_account_set_signed_in (account, TRUE);
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_assert_no_error (error);
  account_id = comptoir_account_get_id (account);
  comptoir_product_set_name (jam, "Confiture de mirabelles");
  comptoir_product_set_price_cents (jam, 520);
  g_assert_true (comptoir_store_transaction (store, write_product_tx, jam, &error));
  g_assert_no_error (error);

  /* sent once, refused: changed on the platform meanwhile (its version 7) */
  entry = comptoir_outbox_next_due (store, account_id, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_true (comptoir_outbox_begin_attempt (store, entry, &error));
  g_assert_true (comptoir_outbox_record_conflict (store, entry, 7, "Ce produit a été modifié sur la plateforme.", &error));
  g_assert_no_error (error);

  /* the products list can show just the refused ones */
  {
    ComptoirProductQuery refused = { .refused = TRUE };
    g_autoptr(GListModel) list = comptoir_product_query_run (store, &refused);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    {
      g_autoptr(ComptoirProduct) listed = g_list_model_get_item (list, 0);
      /* and the list marks it */
      g_assert_true (comptoir_product_get_refused (listed));
    }
  }

  editor = comptoir_product_editor_new (NULL, store, comptoir_product_get_id (jam), &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  comptoir_ui_test_wait_for_mapped (GTK_WIDGET (editor));
  label = comptoir_ui_test_find_named (GTK_WIDGET (editor), "publication-state");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Place du Village — Ce produit a été modifié sur la plateforme.");
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  button = comptoir_ui_test_find_named (GTK_WIDGET (editor), "send-mine");
  g_assert_nonnull (button);
  comptoir_ui_test_save_screenshot (GTK_WIDGET (editor), "product-editor-conflict");

  g_signal_emit_by_name (button, "clicked");
  comptoir_ui_test_spin (100);
  g_assert_true (comptoir_outbox_get_summary (store, account_id, &summary, &error));
  g_assert_cmpuint (summary.conflicts, ==, 0);
  g_assert_cmpuint (summary.pending, ==, 1);
  publications = comptoir_outbox_list_publications (store, comptoir_product_get_id (jam), &error);
  g_assert_cmpuint (publications->len, ==, 1);
  g_assert_cmpstr (((ComptoirPublication *) publications->pdata[0])->state, ==, "pending");
  g_assert_cmpint (((ComptoirPublication *) publications->pdata[0])->remote_version, ==, 7);
  g_assert_null (comptoir_ui_test_find_named (GTK_WIDGET (editor), "send-mine"));
  label = comptoir_ui_test_find_named (GTK_WIDGET (editor), "publication-state");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "En attente d’envoi à Place du Village");
  {
    ComptoirProductQuery refused = { .refused = TRUE };
    g_autoptr(GListModel) list = comptoir_product_query_run (store, &refused);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  comptoir_ui_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_ui_test_init (&argc, &argv);

  g_test_add_func ("/product-editor/create-with-photos-and-variant", test_create_with_photos_and_variant);

  g_test_add_func ("/product-editor/import-preview", test_import_preview);
  g_test_add_func ("/product-editor/conflict-send-mine", test_conflict_send_mine);

  return g_test_run ();
}
