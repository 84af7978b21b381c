// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "comptoir-account.h"
#include "comptoir-hours-editor.h"
#include "comptoir-outbox.h"
#include "comptoir-shop.h"
#include "comptoir-shop-page.h"
#include "comptoir-ui-test-utils.h"

/* Fills the whole shop page through the real editor in the real window,
 * as a merchant would, then checks what reached the store and what the
 * preview shows. Screenshots go to the build folder. */

static GtkWidget *
get (GtkWidget  *root,
     const char *name)
{
  GtkWidget *widget = comptoir_ui_test_find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get (root, name)), text);
  comptoir_ui_test_spin (20);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  g_signal_emit_by_name (get (root, name), "clicked");
  comptoir_ui_test_spin (50);
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (get (root, name)));
}

/* The error message shown under an entry row: the label of the row that
 * follows it. */
static GtkLabel *
error_label_after (GtkWidget  *root,
                   const char *name)
{
  GtkWidget *row = gtk_widget_get_next_sibling (get (root, name));

  g_assert_nonnull (row);
  return GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
}


/* A picture as a camera would give it. */
static GFile *
write_jpeg (const char *name,
            int         width,
            int         height,
            guint32     rgb)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *path = comptoir_test_tmp_path (name);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgb << 8 | 0xff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
has_photos (gpointer data)
{
  ComptoirShop *shop = data;

  return *comptoir_shop_get_logo_hash (shop) != '\0' && *comptoir_shop_get_cover_hash (shop) != '\0';
}

static gboolean
has_paintable (gpointer data)
{
  return gtk_picture_get_paintable (GTK_PICTURE (data)) != NULL;
}

static gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (data));
}

static gboolean
shows_rd_toast (gpointer data)
{
  return comptoir_ui_test_find_label_containing (GTK_WIDGET (data), "R&D.jpg", COMPTOIR_UI_TEST_ANY) != NULL;
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (get (root, name),
                                                                             ADW_TYPE_ACTION_ROW)));
}

static ComptoirShop *
load_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  ComptoirShop *shop;

  g_assert_no_error (error);
  shop = comptoir_shop_load (store, &error);
  g_assert_no_error (error);
  return shop;
}

static void
test_fill_whole_page (void)
{
  ComptoirApplication *app;
  GtkWidget *window, *page, *preview;
  GtkAdjustment *vadjustment;
  g_autoptr(ComptoirShop) stored = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkLabel *siret_error;
  const ComptoirOpeningHours *hours;
  const ComptoirTimeRange *ranges;
  guint n;

  window = GTK_WIDGET (comptoir_ui_test_start_app (&app, 1500, 1000));
  gtk_widget_activate_action (window, "win.show-section", "s", "shop");
  comptoir_ui_test_spin (300);

  page = get (window, "shop-page");
  preview = get (page, "preview");
  comptoir_ui_test_save_screenshot (window, "shop-page-empty");
  g_assert_true (gtk_widget_get_mapped (preview)); /* wide: side by side */
  g_assert_false (gtk_widget_get_visible (get (page, "preview-toggle")));

  /* A first-time merchant gets the checklist; each item leads to its field. */
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (get (page, "scrolled")));
  g_assert_nonnull (comptoir_ui_test_find_named (page, "todo-name"));
  g_assert_nonnull (comptoir_ui_test_find_named (page, "todo-phone"));
  g_assert_nonnull (comptoir_ui_test_find_named (page, "todo-cover"));
  g_assert_cmpstr (label_text (page, "checklist-left"), ==, "Encore 8 étapes");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  g_signal_emit_by_name (get (page, "todo-hours"), "activate");
  comptoir_ui_test_spin (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 300);
  comptoir_ui_test_save_screenshot (window, "shop-page-empty-hours");
  gtk_adjustment_set_value (vadjustment, 0);

  /* Identity */
  type_into (page, "shop-name", "Boulangerie Martin");
  type_into (page, "shop-tagline", "Pain au levain, cuit au feu de bois");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (get (page, "shop-description")));
  gtk_text_buffer_set_text (buffer, "Depuis 1987, au cœur du village.\n\nNos spécialités :\n", -1);
  /* bold through the toolbar, on a selection */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 13);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 31);
  gtk_text_buffer_select_range (buffer, &start, &end);
  click (page, "description-bold");
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  click (page, "description-list");
  gtk_text_buffer_insert_at_cursor (buffer, "la tourte de seigle", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get (page, "shop-category")), 0); /* bakery */

  /* Where and how to reach */
  type_into (page, "shop-street", "12 rue de la République");
  type_into (page, "shop-postcode", "24200");
  type_into (page, "shop-city", "Sarlat-la-Canéda");
  type_into (page, "shop-phone", "06 12 34 56 78");
  type_into (page, "shop-email", "contact@boulangerie-martin.fr");
  type_into (page, "shop-website", "www.boulangerie-martin.fr");
  type_into (page, "social-facebook", "facebook.com/boulangerie.martin");

  /* A SIRET with a digit wrong: explained under the field, kept as typed. */
  type_into (page, "shop-siret", "732 829 320 00075");
  siret_error = error_label_after (page, "shop-siret");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (siret_error))));
  g_assert_cmpstr (gtk_label_get_text (siret_error), ==,
                   "Ce numéro SIRET n’existe pas : un chiffre est peut-être faux ou deux sont inversés. Vérifiez-le sur votre Kbis.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get (page, "shop-siret"))), ==, "732 829 320 00075");
  g_assert_true (gtk_widget_has_css_class (get (page, "shop-siret"), "error"));

  /* Opening hours: Tuesday 7:00–13:00 and 15:30–19:30 */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (get (page, "day-2")), TRUE);
  comptoir_ui_test_spin (50);
  type_into (page, "day-2-open-0", "7:00");
  type_into (page, "day-2-close-0", "13h");
  click (page, "day-2-add");
  type_into (page, "day-2-open-1", "15h30");
  type_into (page, "day-2-close-1", "19:30");
  /* an overlapping range is refused with a reason */
  click (page, "day-2-add");
  type_into (page, "day-2-open-2", "12:00");
  type_into (page, "day-2-close-2", "14:00");
  {
    GtkLabel *day_error = NULL;
    GtkWidget *remove = get (page, "day-2-remove-2");
    GtkWidget *range_row = gtk_widget_get_ancestor (remove, GTK_TYPE_LIST_BOX_ROW);
    GtkWidget *error_row = gtk_widget_get_next_sibling (range_row);

    day_error = GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row)));
    g_assert_true (gtk_widget_get_visible (error_row));
    g_assert_nonnull (strstr (gtk_label_get_text (day_error), "7:00–13:00"));
    comptoir_ui_test_save_screenshot (window, "shop-page-hours-overlap");
    click (page, "day-2-remove-2");
    g_assert_false (gtk_widget_get_visible (error_row));
  }
  /* Saturday night, past midnight */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (get (page, "day-6")), TRUE);
  comptoir_ui_test_spin (50);
  type_into (page, "day-6-open-0", "19:00");
  type_into (page, "day-6-close-0", "2:00");
  /* Summer holidays */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (get (page, "exception-form")), TRUE);
  type_into (page, "exception-from", "24/08/2026");
  type_into (page, "exception-to", "06/09/2026");
  type_into (page, "exception-label", "Congés d’été");
  click (page, "exception-add");
  g_assert_nonnull (comptoir_ui_test_find_named (page, "exception-remove-0"));

  /* Logo and cover through the photo pipeline */
  {
    g_autoptr(GFile) logo = write_jpeg ("logo.jpg", 400, 400, 0xc64600);
    g_autoptr(GFile) cover = write_jpeg ("devanture.jpg", 1600, 900, 0x986a44);
    ComptoirShop *shop = comptoir_shop_page_get_shop (COMPTOIR_SHOP_PAGE (page));

    comptoir_shop_page_import_photo (COMPTOIR_SHOP_PAGE (page), "logo", logo);
    comptoir_shop_page_import_photo (COMPTOIR_SHOP_PAGE (page), "cover", cover);
    g_assert_true (comptoir_ui_test_wait_until (has_photos, shop));
    g_assert_true (comptoir_ui_test_wait_until (has_paintable, get (preview, "preview-market-cover")));
    g_assert_true (comptoir_ui_test_wait_until (has_paintable, get (page, "cover-picture")));
    g_assert_true (gtk_widget_get_visible (get (page, "logo-remove")));
    g_assert_cmpstr (row_subtitle (page, "logo-choose"), ==, "");
  }

  /* Changing the logo for a file that has gone: the logo stays, the row
   * stops saying “Preparing the photo…”, and the toast quotes the file
   * name as it is (a toast title is markup: “&” must not break it). */
  {
    g_autofree char *path = comptoir_test_tmp_path ("R&D.jpg");
    g_autoptr(GFile) gone = g_file_new_for_path (path);
    g_autoptr(GFile) logo = write_jpeg ("logo.jpg", 400, 400, 0xc64600);
    ComptoirShop *shop = comptoir_shop_page_get_shop (COMPTOIR_SHOP_PAGE (page));
    g_autofree char *logo_hash = g_strdup (comptoir_shop_get_logo_hash (shop));

    g_remove (path);
    comptoir_shop_page_import_photo (COMPTOIR_SHOP_PAGE (page), "logo", gone);
    g_assert_cmpstr (row_subtitle (page, "logo-choose"), ==, _("Preparing the photo…"));
    g_assert_false (gtk_widget_get_sensitive (get (page, "logo-choose")));
    g_assert_true (comptoir_ui_test_wait_until (is_sensitive, get (page, "logo-choose")));
    g_assert_cmpstr (row_subtitle (page, "logo-choose"), ==, "");
    g_assert_cmpstr (comptoir_shop_get_logo_hash (shop), ==, logo_hash);
    g_assert_true (gtk_widget_get_visible (get (page, "logo-picture")));
    g_assert_true (comptoir_ui_test_wait_until (shows_rd_toast, page));

    /* the same picture again */
    comptoir_shop_page_import_photo (COMPTOIR_SHOP_PAGE (page), "logo", logo);
    g_assert_cmpstr (row_subtitle (page, "logo-choose"), ==, _("Preparing the photo…"));
    g_assert_true (comptoir_ui_test_wait_until (is_sensitive, get (page, "logo-choose")));
    g_assert_cmpstr (row_subtitle (page, "logo-choose"), ==, "");
    g_assert_cmpstr (comptoir_shop_get_logo_hash (shop), ==, logo_hash);
  }

  /* Services and payments */
  gtk_switch_set_active (GTK_SWITCH (get (page, "service-collect")), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (get (page, "service-delivery")), TRUE);
  type_into (page, "delivery-communes", "Sarlat-la-Canéda, Vitrac ,La Roque-Gageac");
  type_into (page, "delivery-fee", "3,50 €");
  type_into (page, "delivery-free-above", "30");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get (page, "payment-card")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get (page, "payment-meal_voucher")), TRUE);

  /* autosave after the typing pause */
  comptoir_ui_test_spin (900);
  stored = load_from_store ();
  g_assert_cmpstr (comptoir_shop_get_name (stored), ==, "Boulangerie Martin");
  g_assert_cmpstr (comptoir_shop_get_tagline (stored), ==, "Pain au levain, cuit au feu de bois");
  g_assert_cmpstr (comptoir_shop_get_description (stored), ==,
                   "Depuis 1987, **au cœur du village**.\n\nNos spécialités :\n- la tourte de seigle");
  g_assert_cmpstr (comptoir_shop_get_category (stored), ==, "bakery");
  g_assert_cmpstr (comptoir_shop_get_street (stored), ==, "12 rue de la République");
  g_assert_cmpstr (comptoir_shop_get_postcode (stored), ==, "24200");
  g_assert_cmpstr (comptoir_shop_get_phone (stored), ==, "+33612345678");
  g_assert_cmpstr (comptoir_shop_get_website (stored), ==, "https://www.boulangerie-martin.fr");
  g_assert_cmpstr (comptoir_shop_get_social_links (stored)[0], ==, "https://facebook.com/boulangerie.martin");
  g_assert_cmpstr (comptoir_shop_get_siret (stored), ==, ""); /* the wrong one was not stored */
  g_assert_cmpuint (strlen (comptoir_shop_get_logo_hash (stored)), ==, 64);
  g_assert_cmpuint (strlen (comptoir_shop_get_cover_hash (stored)), ==, 64);
  hours = comptoir_shop_get_opening_hours (stored);
  ranges = comptoir_opening_hours_get_ranges (hours, G_DATE_TUESDAY, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (ranges[0].open, ==, 7 * 60);
  g_assert_cmpuint (ranges[0].close, ==, 13 * 60);
  g_assert_cmpuint (ranges[1].open, ==, 15 * 60 + 30);
  ranges = comptoir_opening_hours_get_ranges (hours, G_DATE_SATURDAY, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (ranges[0].close, ==, 2 * 60);
  g_assert_cmpuint (comptoir_opening_hours_get_n_exceptions (hours), ==, 1);
  g_assert_true (comptoir_opening_hours_get_exception (hours, 0)->closed);
  g_assert_true (comptoir_shop_get_click_and_collect (stored));
  g_assert_true (comptoir_shop_get_delivery (stored));
  g_assert_cmpuint (g_strv_length ((char **) comptoir_shop_get_delivery_communes (stored)), ==, 3);
  g_assert_cmpstr (comptoir_shop_get_delivery_communes (stored)[1], ==, "Vitrac");
  g_assert_cmpint (comptoir_shop_get_delivery_fee_cents (stored), ==, 350);
  g_assert_cmpint (comptoir_shop_get_delivery_free_above_cents (stored), ==, 3000);
  g_assert_true (comptoir_shop_accepts_payment (stored, "card"));
  g_assert_true (comptoir_shop_accepts_payment (stored, "meal_voucher"));
  g_assert_false (comptoir_shop_accepts_payment (stored, "cheque"));
  g_clear_object (&stored);

  /* the SIRET, corrected, is stored; the checklist is done */
  type_into (page, "shop-siret", "732 829 320 00074");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (siret_error))));
  comptoir_ui_test_spin (900);
  stored = load_from_store ();
  g_assert_cmpstr (comptoir_shop_get_siret (stored), ==, "73282932000074");
  g_clear_object (&stored);
  /* nothing left to do: the checklist is gone */
  g_assert_null (comptoir_ui_test_find_named (page, "todo-hours"));
  g_assert_null (comptoir_ui_test_find_named (page, "todo-name"));
  g_assert_null (comptoir_ui_test_find_named (page, "todo-cover"));

  /* The preview shows the same shop, in French. */
  g_assert_cmpstr (label_text (preview, "preview-market-name"), ==, "Boulangerie Martin");
  g_assert_cmpstr (label_text (preview, "preview-market-tagline"), ==, "Pain au levain, cuit au feu de bois");
  g_assert_cmpstr (label_text (preview, "preview-market-category"), ==, "Boulangerie");
  g_assert_cmpstr (label_text (preview, "preview-market-description"), ==,
                   "Depuis 1987, au cœur du village.\n\nNos spécialités :\n\n• la tourte de seigle");
  g_assert_cmpstr (label_text (preview, "preview-market-address"), ==, "12 rue de la République\n24200 Sarlat-la-Canéda");
  g_assert_cmpstr (label_text (preview, "preview-market-phone"), ==, "06 12 34 56 78");
  g_assert_nonnull (strstr (label_text (preview, "preview-market-hours"), "Mardi : 7:00–13:00, 15:30–19:30"));
  g_assert_nonnull (strstr (label_text (preview, "preview-market-hours"), "Samedi : 19:00–2:00"));
  g_assert_nonnull (strstr (label_text (preview, "preview-market-services"), "Click & collect"));
  g_assert_nonnull (strstr (label_text (preview, "preview-market-services"), "3,50"));
  g_assert_cmpstr (label_text (preview, "preview-card-name"), ==, "Boulangerie Martin");
  g_assert_cmpstr (label_text (preview, "preview-card-subtitle"), ==, "Boulangerie · Sarlat-la-Canéda");
  g_assert_cmpstr (label_text (page, "preview-market-status"), !=, "");
  comptoir_ui_test_save_screenshot (window, "shop-page-filled");

  /* the preview follows typing */
  type_into (page, "shop-name", "Boulangerie Martine");
  comptoir_ui_test_spin (100);
  g_assert_cmpstr (label_text (preview, "preview-card-name"), ==, "Boulangerie Martine");
  comptoir_ui_test_spin (900);

  /* Ctrl+Z puts the last changed field back as it was saved before. */
  g_assert_true (gtk_widget_activate_action (page, "shop.undo", NULL));
  comptoir_ui_test_spin (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get (page, "shop-name"))), ==, "Boulangerie Martin");
  stored = load_from_store ();
  g_assert_cmpstr (comptoir_shop_get_name (stored), ==, "Boulangerie Martin");
  g_clear_object (&stored);

  /* phone width, and the directory card */
  {
    GtkWidget *stack = gtk_widget_get_ancestor (get (preview, "preview-market-name"), ADW_TYPE_VIEW_STACK);

    g_assert_cmpint (gtk_widget_get_width (stack), >, 390);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (get (preview, "preview-phone")), TRUE);
    comptoir_ui_test_spin (300);
    g_assert_cmpint (gtk_widget_get_width (stack), <=, 390);
  }
  comptoir_ui_test_save_screenshot (window, "shop-page-phone-preview");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (get (preview, "preview-card-name"),
                                                                                 ADW_TYPE_VIEW_STACK)),
                                         "directory");
  comptoir_ui_test_spin (300);
  comptoir_ui_test_save_screenshot (window, "shop-page-directory-card");

  /* Export */
  {
    g_autofree char *path = comptoir_test_tmp_path ("boulangerie.html");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *html = NULL;

    /* off the main thread: the button waits, a spinner turns */
    g_assert_true (gtk_widget_get_sensitive (get (page, "export-button")));
    comptoir_shop_page_export_to (COMPTOIR_SHOP_PAGE (page), file);
    g_assert_false (gtk_widget_get_sensitive (get (page, "export-button")));
    g_assert_true (gtk_widget_get_visible (get (page, "export-spinner")));
    /* what is typed meanwhile does not get into this export */
    gtk_editable_set_text (GTK_EDITABLE (get (page, "shop-tagline")), "Changé pendant l’export");
    g_assert_true (comptoir_ui_test_wait_until (is_sensitive, get (page, "export-button")));
    g_assert_false (gtk_widget_get_visible (get (page, "export-spinner")));
    gtk_editable_set_text (GTK_EDITABLE (get (page, "shop-tagline")), "Pain au levain, cuit au feu de bois");
    g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
    g_assert_null (strstr (html, "Changé pendant"));
    g_assert_nonnull (strstr (html, "<h1>Boulangerie Martin</h1>"));
    g_assert_nonnull (strstr (html, "Horaires d’ouverture"));
    g_assert_nonnull (strstr (html, "<img class=\"cover\" alt=\"\" src=\"data:image/jpeg;base64,"));
  }

  /* A narrow window shows one side at a time, with a toggle. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  comptoir_ui_test_spin (500);
  g_assert_true (gtk_widget_get_visible (get (page, "preview-toggle")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (get (page, "preview-toggle")), TRUE);
  comptoir_ui_test_spin (500);
  g_assert_true (gtk_widget_get_mapped (preview));
  comptoir_ui_test_save_screenshot (window, "shop-page-narrow-preview");

  comptoir_ui_test_stop_app (app);
}

/* A day written without its year is the next one to come. */
static void
test_parse_date (void)
{
  GDate today, date, from;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_DECEMBER, 2026);

  /* already gone this year: next year */
  g_assert_true (comptoir_parse_date ("02/01", &today, &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 2);
  g_assert_cmpuint (g_date_get_month (&date), ==, G_DATE_JANUARY);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2027);
  /* still to come, or today: this year */
  g_assert_true (comptoir_parse_date ("24/12", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
  g_assert_true (comptoir_parse_date (" 20/12 ", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
  g_assert_true (comptoir_parse_date ("19/12", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2027);
  /* a year written is kept, even in the past */
  g_assert_true (comptoir_parse_date ("02/01/2026", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
  g_assert_true (comptoir_parse_date ("02/01/26", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
  g_assert_true (comptoir_parse_date ("2027-01-02", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2027);
  /* 29 February without a year: the next one there is */
  g_assert_true (comptoir_parse_date ("29/02", &today, &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2028);
  /* a closure over New Year: the last day follows the first */
  g_date_set_dmy (&today, 1, G_DATE_JANUARY, 2027);
  g_assert_true (comptoir_parse_date ("28/12", &today, &from));
  g_assert_cmpuint (g_date_get_year (&from), ==, 2027);
  g_date_set_dmy (&today, 27, G_DATE_DECEMBER, 2026);
  g_assert_true (comptoir_parse_date ("28/12", &today, &from));
  g_assert_true (comptoir_parse_date ("03/01", &from, &date));
  g_assert_cmpuint (g_date_get_year (&from), ==, 2026);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2027);
  /* not dates */
  g_assert_false (comptoir_parse_date ("31/02", &today, &date));
  g_assert_false (comptoir_parse_date ("13/13", &today, &date));
  g_assert_false (comptoir_parse_date ("Noël", &today, &date));
  g_assert_false (comptoir_parse_date ("", &today, &date));
  /* without a reference, today is the reference: never a past date */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    GDate now_date;

    g_date_clear (&now_date, 1);
    g_date_set_dmy (&now_date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    g_date_subtract_days (&now_date, 1);
    {
      g_autofree char *yesterday = g_strdup_printf ("%u/%u", g_date_get_day (&now_date), g_date_get_month (&now_date));

      g_assert_true (comptoir_parse_date (yesterday, NULL, &date));
      g_assert_cmpint (g_date_compare (&date, &now_date), >, 0);
    }
  }
}

/* A checklist item activated before the groups below Identity are built
 * (they are built after the first frame) builds them and takes the merchant
 * to the field all the same. */
static gboolean
logo_button_focused (gpointer data)
{
  GtkWidget *button = comptoir_ui_test_find_named (GTK_WIDGET (data), "logo-choose");

  return button != NULL && gtk_widget_has_focus (button);
}

static void
test_checklist_before_first_frame (void)
{
  g_autoptr(ComptoirApplication) app = comptoir_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *page;
  GtkAdjustment *vadjustment;

  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".TestEarly");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  page = get (window, "shop-page");

  /* no frame painted yet: the logo row does not exist */
  g_assert_null (comptoir_ui_test_find_named (page, "logo-choose"));
  g_signal_emit_by_name (get (page, "todo-logo"), "activate");
  g_assert_nonnull (comptoir_ui_test_find_named (page, "logo-choose"));
  g_assert_true (comptoir_ui_test_wait_until (logo_button_focused, page));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (get (page, "scrolled")));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  comptoir_ui_test_spin (100);
}

/* The platform refused the page because it was changed there too: My
 * shop says so on top, and the merchant can send their page. */
static void
test_shop_conflict (void)
{
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 1200, 800);
  ComptoirStore *store = comptoir_application_get_store (app);
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(ComptoirOutboxEntry) entry = NULL;
  g_autoptr(ComptoirShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  ComptoirOutboxSummary summary;
  GtkWidget *page, *label;
  gint64 account_id;

  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place-du-village.example/v1");
  comptoir_account_set_platform_name (account, "Place du Village");
  comptoir_account_set_signed_in (account, TRUE);
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_assert_no_error (error);
  account_id = comptoir_account_get_id (account);
  /* the named shop was queued for the new account; it is refused */
  entry = comptoir_outbox_next_due (store, account_id, 0, &error);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->object_type, ==, "shop");
  g_assert_true (comptoir_outbox_begin_attempt (store, entry, &error));
  g_assert_true (comptoir_outbox_record_conflict (store, entry, 4, "Votre page a été modifiée sur la plateforme.", &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "shop");
  comptoir_ui_test_spin (300);
  page = get (GTK_WIDGET (window), "shop-page");
  label = comptoir_ui_test_find_named (page, "shop-publication-state");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Place du Village — Votre page a été modifiée sur la plateforme.");
  comptoir_ui_test_save_screenshot (GTK_WIDGET (window), "shop-page-conflict");

  /* Publishing says so on the account, with the way to My shop */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "publishing");
  comptoir_ui_test_spin (300);
  g_assert_nonnull (comptoir_ui_test_find_named (GTK_WIDGET (window), "see-shop"));
  g_assert_null (comptoir_ui_test_find_named (GTK_WIDGET (window), "see-refused"));
  comptoir_ui_test_save_screenshot (GTK_WIDGET (window), "publishing-shop-conflict");
  gtk_widget_activate (comptoir_ui_test_find_named (GTK_WIDGET (window), "see-shop"));
  comptoir_ui_test_spin (300);
  g_assert_true (gtk_widget_get_mapped (page));

  g_signal_emit_by_name (comptoir_ui_test_find_named (page, "send-my-page"), "clicked");
  comptoir_ui_test_spin (100);
  g_assert_true (comptoir_outbox_get_summary (store, account_id, &summary, &error));
  g_assert_cmpuint (summary.conflicts, ==, 0);
  g_assert_cmpuint (summary.pending, >=, 1);
  g_assert_false (gtk_widget_get_visible (get (page, "shop-trouble")));

  /* the page itself is untouched */
  shop = comptoir_shop_load (store, &error);
  g_assert_cmpstr (comptoir_shop_get_name (shop), ==, "Boulangerie Martin");
  comptoir_ui_test_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_ui_test_init (&argc, &argv);

  /* first: it needs the empty store the other test fills */
  g_test_add_func ("/shop-page/checklist-before-first-frame", test_checklist_before_first_frame);
  g_test_add_func ("/shop-page/fill-whole-page", test_fill_whole_page);
  g_test_add_func ("/shop-page/parse-date", test_parse_date);
  g_test_add_func ("/shop-page/shop-conflict", test_shop_conflict);

  return g_test_run ();
}
