// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "comptoir-application.h"
#include "comptoir-csv-import-dialog.h"
#include "comptoir-media-store.h"
#include "comptoir-photo-strip.h"
#include "comptoir-product-editor.h"
#include "comptoir-product-store.h"
#include "comptoir-products-page.h"
#include "comptoir-test-utils.h"
#include "comptoir-window.h"

/* Creates a product with two photos and a variant through the real
 * editor of the real window, in French, and finds it in the list. */

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_idle (gpointer strip)
{
  return !comptoir_photo_strip_get_busy (strip);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot saved to %s", path);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
no_editor (gpointer unused)
{
  return find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR) == NULL;
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
  spin (20);
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

static ComptoirWindow *
start_app (ComptoirApplication **out_app)
{
  static guint n_started;
  g_autoptr(GError) error = NULL;
  ComptoirApplication *app = comptoir_application_new ();
  g_autofree char *app_id = g_strdup_printf ("%s.EditorTest%u", APPLICATION_ID, ++n_started);
  GtkWindow *window;

  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (COMPTOIR_IS_WINDOW (window));
  gtk_window_set_default_size (window, 900, 700);
  wait_until (is_mapped, window);
  spin (200);
  *out_app = app;
  return COMPTOIR_WINDOW (window);
}

static void
stop_app (ComptoirApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
  g_object_unref (app);
}

static void
test_create_with_photos_and_variant (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = start_app (&app);
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
  spin (200);
  page = COMPTOIR_PRODUCTS_PAGE (find_widget (GTK_WIDGET (window), COMPTOIR_TYPE_PRODUCTS_PAGE));
  g_assert_nonnull (page);

  /* An empty catalogue offers both ways to start. */
  status = find_widget (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Pas encore de produits"));
  g_assert_nonnull (status);
  save_screenshot (GTK_WIDGET (window), "products-empty");

  /* Ctrl+N opens the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.add", NULL));
  spin (300);
  editor = find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR);
  g_assert_nonnull (editor);
  wait_until (is_mapped, editor);
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
  strip = COMPTOIR_PHOTO_STRIP (find_widget (child (editor, "photos_box"), COMPTOIR_TYPE_PHOTO_STRIP));
  g_assert_nonnull (strip);
  g_list_store_append (files, red);
  g_list_store_append (files, green);
  comptoir_photo_strip_add_files (strip, G_LIST_MODEL (files));
  /* Save waits for the photos */
  g_assert_false (comptoir_product_editor_is_valid (editor));
  wait_until (is_idle, strip);
  spin (100);
  g_assert_true (comptoir_product_editor_is_valid (editor));
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  save_screenshot (GTK_WIDGET (editor), "product-editor");

  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait_until (no_editor, NULL);
  spin (300);

  /* in the list, with its price and its cover */
  model = comptoir_products_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (comptoir_product_get_name (first), ==, "Confiture d’abricots");
  g_assert_nonnull (comptoir_product_get_cover_hash (first));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Confiture d’abricots"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "4,50\u00a0€"));
  save_screenshot (GTK_WIDGET (window), "products-one");

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
  spin (500);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Confiture d’abricots"));
  save_screenshot (GTK_WIDGET (window), "products-grid");
  gtk_widget_activate_action (GTK_WIDGET (page), "products.grid", NULL);

  /* a search that finds nothing says so */
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY)), "chocolat");
  spin (600);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Aucun produit trouvé"));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY)), "abricot");
  spin (600);
  g_assert_cmpuint (g_list_model_get_n_items (comptoir_products_page_get_model (page)), ==, 1);

  /* Reopening it and closing with a change asks before losing it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.edit", "x",
                                             comptoir_product_get_id (first)));
  spin (300);
  editor = find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "option1_values"))), ==, "250 g, 500 g");
  type (editor, "name", "Confiture d’abricots du Roussillon");
  gtk_window_close (GTK_WINDOW (editor));
  spin (300);
  g_assert_nonnull (find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR));
  g_assert_nonnull (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "discard");
  spin (300);
  g_assert_null (find_toplevel (COMPTOIR_TYPE_PRODUCT_EDITOR));
  g_clear_object (&saved);
  saved = comptoir_product_load (store, comptoir_product_get_id (first), NULL);
  g_assert_cmpstr (comptoir_product_get_name (saved), ==, "Confiture d’abricots");

  /* Delete, then undo from the toast's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "products.delete", "x",
                                             comptoir_product_get_id (first)));
  spin (300);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY));

  stop_app (app);
}

static gboolean
has_import_button (gpointer dialog)
{
  /* once the preview is there, the suggested button names the count */
  return find_label (GTK_WIDGET (dialog), "Importer 2 produits") != NULL;
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
  ComptoirWindow *window = start_app (&app);
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
  wait_until (has_import_button, dialog);
  spin (200);

  /* the mapping, the refused row with its reason, the rows to import */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Couleur préférée"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Ignorée"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Ligne 3"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Lessive"));
  save_screenshot (GTK_WIDGET (dialog), "import-preview");
  /* nothing imported before the merchant confirms */
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, before);

  button = gtk_widget_get_parent (find_label (GTK_WIDGET (dialog), "Importer 2 produits"));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  wait_until (is_imported, &n_imported);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, before + 2);
  spin (300);

  stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LANG", "fr_FR.UTF-8", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  comptoir_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_nonnull (setlocale (LC_ALL, "fr_FR.UTF-8"));

  gtk_init ();
  adw_init ();

  g_test_add_func ("/product-editor/create-with-photos-and-variant", test_create_with_photos_and_variant);

  g_test_add_func ("/product-editor/import-preview", test_import_preview);

  return g_test_run ();
}
