// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "comptoir-account.h"
#include "comptoir-order-store.h"
#include "comptoir-product-store.h"
#include "comptoir-ui-test-utils.h"

/* Opens the real window under the display (Xvfb in build-aux/check), visits
 * every section, saves a screenshot of each into the build folder, and
 * checks what the merchant sees — in French. */

static const char *sections[] = { "shop", "products", "orders", "payouts", "publishing" };

static void
test_empty_sections (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 0, 0);
  static const char *french_titles[] = { "Ma boutique", "Produits", "Commandes", "Versements", "Publication" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *shot = g_strdup_printf ("empty-%s", sections[i]);
      GtkWidget *status;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", sections[i]));
      comptoir_ui_test_spin (250);
      g_assert_cmpstr (comptoir_window_get_section (window), ==, sections[i]);

      /* Each empty section tells the merchant, in French, what comes here;
       * My shop is an editor from the start (tests/test-shop-page.c). */
      status = comptoir_ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL, COMPTOIR_UI_TEST_MAPPED);
      if (g_strcmp0 (sections[i], "shop") == 0)
        g_assert_null (status);
      else
        {
          g_assert_nonnull (status);
          g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), !=, "");
          g_assert_true (strlen (adw_status_page_get_description (ADW_STATUS_PAGE (status))) > 40);
        }
      /* the sidebar row and header show the translated section name */
      g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (window), french_titles[i], COMPTOIR_UI_TEST_ANY));
      g_assert_cmpuint (comptoir_ui_test_count_labels (GTK_WIDGET (window), french_titles[i],
                                                       COMPTOIR_UI_TEST_MAPPED), >=, 2);

      comptoir_ui_test_save_screenshot (GTK_WIDGET (window), shot);
    }

  comptoir_ui_test_stop_app (app);
}

static void
test_remembers_section (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 0, 0);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "payouts");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  comptoir_ui_test_spin (100);
  comptoir_ui_test_stop_app (app);

  g_assert_cmpstr (g_settings_get_string (settings, "last-section"), ==, "payouts");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);

  window = comptoir_ui_test_start_app (&app, 0, 0);
  g_assert_cmpstr (comptoir_window_get_section (window), ==, "payouts");
  comptoir_ui_test_stop_app (app);
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

  window = comptoir_ui_test_start_app (&app, 0, 0);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *shot = g_strdup_printf ("data-%s", sections[i]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
      comptoir_ui_test_spin (300);
      /* with data, the list replaces the empty state */
      g_assert_null (comptoir_ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL,
                                                   COMPTOIR_UI_TEST_MAPPED));
      comptoir_ui_test_save_screenshot (GTK_WIDGET (window), shot);
    }
  /* the payouts list shows the net amount, in French */
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (window), "91,50\u00a0€", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (window), "Du 1 novembre 2026 au 15 novembre 2026",
                                                 COMPTOIR_UI_TEST_ANY));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "orders");
  comptoir_ui_test_spin (300);
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (window), "Commande 1029 · Camille Martin",
                                                 COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (window), "12,79\u00a0€", COMPTOIR_UI_TEST_ANY));
  comptoir_ui_test_stop_app (app);
}

static void
test_narrow_window_folds (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 0, 0);
  GtkWidget *leaflet = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  comptoir_ui_test_spin (500);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (window), "narrow");
  comptoir_ui_test_stop_app (app);
}

static gboolean
shortcuts_shown (gpointer data)
{
  return comptoir_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, COMPTOIR_UI_TEST_MAPPED) != NULL;
}

/* The keyboard shortcuts window opens from the window, in French, and lists
 * the shortcuts of the sections. */
static void
test_shortcuts_window (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 0, 0);
  GtkWindow *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (comptoir_ui_test_wait_until (shortcuts_shown, NULL));
  shortcuts = comptoir_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, COMPTOIR_UI_TEST_MAPPED);
  comptoir_ui_test_spin (300);
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (shortcuts), "Chercher des produits", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (GTK_WIDGET (shortcuts), "Ma boutique", COMPTOIR_UI_TEST_ANY));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_close (shortcuts);
  comptoir_ui_test_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_ui_test_init (&argc, &argv);

  g_test_add_func ("/window/empty-sections", test_empty_sections);
  g_test_add_func ("/window/remembers-section", test_remembers_section);
  g_test_add_func ("/window/narrow-folds", test_narrow_window_folds);
  g_test_add_func ("/window/sections-with-data", test_sections_with_data);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);

  return g_test_run ();
}
