// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "comptoir-account.h"
#include "comptoir-order-actions.h"
#include "comptoir-order-detail.h"
#include "comptoir-order-store.h"
#include "comptoir-orders-page.h"
#include "comptoir-outbox.h"
#include "comptoir-ui-test-utils.h"

/* An order the merchant opens from the Orders list, reads in French and
 * accepts without a connection: the new status shows at once, with a line
 * saying it will be sent later. */

static gboolean
write_order_tx (ComptoirStore  *store,
                gpointer        user_data,
                GError        **error)
{
  ComptoirOrder *order = user_data;

  return comptoir_order_write (store, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (order), "account")),
                               order, error);
}

static gint64
add_order (ComptoirStore *store)
{
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(ComptoirOrder) order = comptoir_order_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_order_line_free);
  g_autoptr(GError) error = NULL;

  /* signed out: the sync engine leaves it alone, as without a connection */
  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place-du-village.example/v1");
  comptoir_account_set_platform_name (account, "Place du Village");
  comptoir_account_set_signed_in (account, FALSE);
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (lines, comptoir_order_line_new ("l1", "p1", "Pain de campagne", 2, 420, 840, 0));
  g_ptr_array_add (lines, comptoir_order_line_new ("l2", "p2", "Tarte aux pommes (6 parts)", 1, 1250, 1250, 0));
  comptoir_order_set_remote_id (order, "ord_1042");
  comptoir_order_set_number (order, "1042");
  comptoir_order_set_status (order, "new");
  comptoir_order_set_customer_name (order, "Camille Martin");
  comptoir_order_set_customer_phone (order, "06 12 34 56 78");
  comptoir_order_set_customer_email (order, "camille@example.fr");
  comptoir_order_set_fulfilment (order, "delivery");
  comptoir_order_set_slot_start (order, "2026-11-28T09:00:00Z");
  comptoir_order_set_slot_end (order, "2026-11-28T10:00:00Z");
  comptoir_order_set_delivery_address (order, "3 rue des Tanneurs <b>&</b> fils\n23200 Aubusson");
  comptoir_order_set_customer_note (order, "Sonnez deux fois, merci !");
  comptoir_order_set_subtotal_cents (order, 2090);
  comptoir_order_set_delivery_fee_cents (order, 350);
  comptoir_order_set_total_cents (order, 2440);
  comptoir_order_set_placed_at (order, "2026-11-27T16:30:00Z");
  comptoir_order_set_lines (order, lines);
  g_object_set_data (G_OBJECT (order), "account", GSIZE_TO_POINTER (comptoir_account_get_id (account)));
  g_assert_true (comptoir_store_transaction (store, write_order_tx, order, &error));
  g_assert_no_error (error);
  return comptoir_order_get_id (order);
}

static gboolean
detail_shown (gpointer unused)
{
  GtkWidget *detail = comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_ORDER_DETAIL, COMPTOIR_UI_TEST_VISIBLE);

  return detail != NULL && gtk_widget_get_mapped (detail);
}

static gboolean
no_detail (gpointer unused)
{
  return comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_ORDER_DETAIL, COMPTOIR_UI_TEST_VISIBLE) == NULL;
}

static GtkWidget *
child (GtkWidget  *detail,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (detail, COMPTOIR_TYPE_ORDER_DETAIL, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
test_open_and_accept (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 900, 700);
  ComptoirStore *store = comptoir_application_get_store (app);
  gint64 order_id = add_order (store);
  GtkWidget *page, *list_view, *detail, *sync_label;
  ComptoirOrderSyncState state;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirOrder) stored = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "orders");
  comptoir_ui_test_spin (300);
  page = comptoir_ui_test_find_widget (GTK_WIDGET (window), COMPTOIR_TYPE_ORDERS_PAGE, NULL, COMPTOIR_UI_TEST_ANY);
  g_assert_nonnull (page);
  comptoir_orders_page_reload (COMPTOIR_ORDERS_PAGE (page));
  comptoir_ui_test_spin (300);
  g_assert_nonnull (comptoir_ui_test_find_label (page, "Commande 1042 · Camille Martin", COMPTOIR_UI_TEST_MAPPED));

  /* Activating the order opens it. */
  list_view = comptoir_ui_test_find_widget (page, GTK_TYPE_LIST_VIEW, NULL, COMPTOIR_UI_TEST_MAPPED);
  g_assert_nonnull (list_view);
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_true (comptoir_ui_test_wait_until (detail_shown, NULL));
  detail = comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_ORDER_DETAIL, COMPTOIR_UI_TEST_VISIBLE);
  comptoir_ui_test_spin (300);

  /* What the merchant needs to prepare it, in French. */
  g_assert_cmpint (comptoir_order_detail_get_order_id (COMPTOIR_ORDER_DETAIL (detail)), ==, order_id);
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "Commande 1042", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "Nouvelle", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "Camille Martin", COMPTOIR_UI_TEST_MAPPED));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "06 12 34 56 78", COMPTOIR_UI_TEST_MAPPED));
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (child (detail, "phone_link"))), ==, "tel:06%2012%2034%2056%2078");
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "Livraison locale", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "3 rue des Tanneurs <b>&</b> fils\n23200 Aubusson", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "Sonnez deux fois, merci !", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "2 × Pain de campagne", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "4,20\u00a0€ l’unité", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "8,40\u00a0€", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "20,90\u00a0€", COMPTOIR_UI_TEST_ANY));
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "3,50\u00a0€", COMPTOIR_UI_TEST_ANY));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (detail, "total_label"))), ==, "24,40\u00a0€");
  g_assert_true (gtk_widget_get_visible (child (detail, "accept_button")));
  g_assert_true (gtk_widget_get_visible (child (detail, "reject_button")));
  g_assert_false (gtk_widget_get_visible (child (detail, "ready_button")));
  g_assert_false (gtk_widget_get_visible (child (detail, "complete_button")));
  g_assert_false (gtk_widget_get_visible (child (detail, "sync_label")));
  comptoir_ui_test_save_screenshot (detail, "order-detail-new");

  /* Accepting shows at once, and says it waits for the connection. */
  g_signal_emit_by_name (child (detail, "accept_button"), "clicked");
  comptoir_ui_test_spin (200);
  g_assert_nonnull (comptoir_ui_test_find_label (detail, "Acceptée", COMPTOIR_UI_TEST_MAPPED));
  sync_label = child (detail, "sync_label");
  g_assert_true (gtk_widget_get_visible (sync_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sync_label)), ==, "En attente d’envoi à la place de marché");
  g_assert_false (gtk_widget_get_visible (child (detail, "accept_button")));
  g_assert_true (gtk_widget_get_visible (child (detail, "ready_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (detail, "ready_button"))), ==, "Prête pour la _livraison");
  stored = comptoir_order_load (store, order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_order_get_status (stored), ==, "accepted");
  g_assert_true (comptoir_order_get_sync_state (store, order_id, &state, NULL, &error));
  g_assert_cmpint (state, ==, COMPTOIR_ORDER_SYNC_PENDING);
  comptoir_ui_test_save_screenshot (detail, "order-detail-accepted");

  /* The list shows the new status too. */
  g_assert_nonnull (comptoir_ui_test_find_label_containing (page, "Acceptée", COMPTOIR_UI_TEST_ANY));

  gtk_widget_activate_action (detail, "window.close", NULL);
  g_assert_true (comptoir_ui_test_wait_until (no_detail, NULL));
  comptoir_ui_test_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_ui_test_init (&argc, &argv);

  g_test_add_func ("/order-detail/open-and-accept", test_open_and_accept);

  return g_test_run ();
}
