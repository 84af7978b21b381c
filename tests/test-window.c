// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "comptoir-application.h"
#include "comptoir-account.h"
#include "comptoir-order-store.h"
#include "comptoir-product-store.h"
#include "comptoir-test-utils.h"
#include "comptoir-window.h"

/* Opens the real window under the display (Xvfb in build-aux/check), visits
 * every section, saves a screenshot of each into the build folder, and
 * checks what the merchant sees — in French. */

static const char *sections[] = { "shop", "products", "orders", "payouts", "publishing" };

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  spin (300);
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
find_visible_status_page (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (ADW_IS_STATUS_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_status_page (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Where the section name shows: its sidebar row and the header title. */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

static ComptoirWindow *
start_app (ComptoirApplication **out_app)
{
  g_autoptr(GError) error = NULL;
  ComptoirApplication *app = comptoir_application_new ();
  GtkWindow *window;

  static guint n_started;
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APPLICATION_ID, ++n_started);

  /* Each instance gets its own id: the previous one may still be on the bus. */
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (COMPTOIR_IS_WINDOW (window));
  wait_for_mapped (GTK_WIDGET (window));
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
test_empty_sections (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = start_app (&app);
  static const char *french_titles[] = { "Ma boutique", "Produits", "Commandes", "Versements", "Publication" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *shot = g_strdup_printf ("empty-%s", sections[i]);
      GtkWidget *status;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", sections[i]));
      spin (250);
      g_assert_cmpstr (comptoir_window_get_section (window), ==, sections[i]);

      /* Each empty section tells the merchant, in French, what comes here;
       * My shop is an editor from the start (tests/test-shop-page.c). */
      status = find_visible_status_page (GTK_WIDGET (window));
      if (g_strcmp0 (sections[i], "shop") == 0)
        g_assert_null (status);
      else
        {
          g_assert_nonnull (status);
          g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), !=, "");
          g_assert_true (strlen (adw_status_page_get_description (ADW_STATUS_PAGE (status))) > 40);
        }
      /* the sidebar row and header show the translated section name */
      g_assert_nonnull (find_label (GTK_WIDGET (window), french_titles[i]));
      g_assert_cmpuint (count_labels (GTK_WIDGET (window), french_titles[i]), >=, 2);

      save_screenshot (GTK_WIDGET (window), shot);
    }

  stop_app (app);
}

static void
test_remembers_section (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = start_app (&app);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "payouts");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  spin (100);
  stop_app (app);

  g_assert_cmpstr (g_settings_get_string (settings, "last-section"), ==, "payouts");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);

  window = start_app (&app);
  g_assert_cmpstr (comptoir_window_get_section (window), ==, "payouts");
  stop_app (app);
  g_settings_set_string (settings, "last-section", "shop");
}

static gboolean
fill_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(ComptoirProduct) product = comptoir_product_new ();
      g_autoptr(ComptoirOrder) order = comptoir_order_new ();
      g_autoptr(ComptoirPayout) payout = comptoir_payout_new ();
      g_autofree char *name = g_strdup_printf ("Baguette tradition n°%02u", i);
      g_autofree char *remote = g_strdup_printf ("o-%u", i);
      g_autofree char *number = g_strdup_printf ("%u", 1000 + i);
      g_autofree char *day = g_strdup_printf ("2026-11-%02uT09:30:00Z", i % 28 + 1);

      comptoir_product_set_name (product, name);
      comptoir_product_set_price_cents (product, 120 + i);
      comptoir_product_set_stock_tracked (product, i % 2);
      comptoir_product_set_stock (product, i);
      if (!comptoir_product_write (store, product, error))
        return FALSE;

      g_object_set (order, "remote-id", remote, "number", number, "status", "new",
                    "customer-name", "Camille Martin", "total-cents", (gint64) 1250 + i,
                    "placed-at", day, NULL);
      if (!comptoir_order_write (store, *(gint64 *) user_data, order, error))
        return FALSE;

      if (i < 3)
        {
          g_object_set (payout, "remote-id", remote, "period-start", "2026-11-01",
                        "period-end", "2026-11-15", "gross-cents", (gint64) 10000,
                        "commission-cents", (gint64) 800, "fees-cents", (gint64) 50,
                        "net-cents", (gint64) 9150, "status", "paid", NULL);
          if (!comptoir_payout_write (store, *(gint64 *) user_data, payout, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
test_sections_with_data (void)
{
  g_autoptr(GError) error = NULL;
  ComptoirApplication *app;
  ComptoirWindow *window;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  gint64 account_id;

  g_assert_no_error (error);
  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place.example/v1");
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  account_id = comptoir_account_get_id (account);
  g_assert_true (comptoir_store_transaction (store, fill_tx, &account_id, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  window = start_app (&app);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *shot = g_strdup_printf ("data-%s", sections[i]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
      spin (300);
      /* with data, the list replaces the empty state */
      g_assert_null (find_visible_status_page (GTK_WIDGET (window)));
      save_screenshot (GTK_WIDGET (window), shot);
    }
  /* the payouts list shows the net amount, in French */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "91,50\u00a0€"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Du 1 novembre 2026 au 15 novembre 2026"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "orders");
  spin (300);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Commande 1029 · Camille Martin"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "12,79\u00a0€"));
  stop_app (app);
}

static void
test_narrow_window_folds (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = start_app (&app);
  GtkWidget *leaflet = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  spin (500);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  save_screenshot (GTK_WIDGET (window), "narrow");
  stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  /* The merchant's language. */
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

  g_test_add_func ("/window/empty-sections", test_empty_sections);
  g_test_add_func ("/window/remembers-section", test_remembers_section);
  g_test_add_func ("/window/narrow-folds", test_narrow_window_folds);
  g_test_add_func ("/window/sections-with-data", test_sections_with_data);

  return g_test_run ();
}
