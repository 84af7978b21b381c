// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-media-texture.h"
#include "comptoir-money.h"
#include "comptoir-shop-markup.h"
#include "comptoir-shop-preview.h"
#include "comptoir-shop-validate.h"

/* How the shop looks on each platform, drawn with GTK from the same
 * ComptoirShop the editor changes: the marketplace's shop page and the
 * directory's listing card, at full or at phone width. Merchant text is
 * set as plain text, except the description, whose markup is built
 * escaped by comptoir_markup_to_pango(). */

#define PHONE_WIDTH 390
#define WIDE_WIDTH 720

struct _ComptoirShopPreview
{
  AdwBin        parent_instance;

  ComptoirShop *shop;
  guint         refresh_id;
  guint         clock_id;

  char         *logo_hash;    /* the images shown, or being loaded */
  char         *cover_hash;
  GCancellable *logo_cancellable;
  GCancellable *cover_cancellable;

  AdwClamp     *clamp;
  GtkToggleButton *phone_toggle;

  /* marketplace page */
  AdwAvatar    *market_avatar;
  GtkPicture   *market_cover;
  GtkLabel     *market_name;
  GtkLabel     *market_tagline;
  GtkLabel     *market_category;
  GtkLabel     *market_status;
  GtkLabel     *market_description;
  GtkLabel     *market_address;
  GtkLabel     *market_phone;
  GtkLabel     *market_hours;
  GtkLabel     *market_services;

  /* directory card */
  AdwAvatar    *card_avatar;
  GtkLabel     *card_name;
  GtkLabel     *card_subtitle;
  GtkLabel     *card_tagline;
  GtkLabel     *card_status;
  GtkLabel     *card_contact;
};

G_DEFINE_FINAL_TYPE (ComptoirShopPreview, comptoir_shop_preview, ADW_TYPE_BIN)

static GtkLabel *
label_new (GtkBox     *box,
           const char *name,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
heading_new (GtkBox     *box,
             const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (box, label);
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
hours_text (const ComptoirOpeningHours *hours)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0); /* a Monday */

  if (comptoir_opening_hours_is_empty (hours))
    return g_string_free (out, FALSE);

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      guint n;
      const ComptoirTimeRange *ranges = comptoir_opening_hours_get_ranges (hours, day, &n);
      g_autoptr(GDateTime) date = g_date_time_add_days (monday, day - 1);
      g_autofree char *name = g_date_time_format (date, "%A");

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* capitalised day names in a list */
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (name)));
      g_string_append (out, g_utf8_next_char (name));
      g_string_append (out, " : ");
      if (n == 0)
        g_string_append (out, _("closed"));
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *open = comptoir_time_format (ranges[i].open);
          g_autofree char *close = comptoir_time_format (ranges[i].close);

          g_string_append_printf (out, "%s%s–%s", i > 0 ? ", " : "", open, close);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
services_text (ComptoirShop *shop)
{
  GString *out = g_string_new (NULL);
  const char * const *methods = comptoir_shop_get_payment_methods (shop);

  if (comptoir_shop_get_click_and_collect (shop))
    g_string_append_printf (out, "• %s\n", _("Click & collect"));
  if (comptoir_shop_get_delivery (shop))
    {
      gint64 fee = comptoir_shop_get_delivery_fee_cents (shop);
      gint64 free_above = comptoir_shop_get_delivery_free_above_cents (shop);
      guint radius = comptoir_shop_get_delivery_radius_km (shop);
      const char * const *communes = comptoir_shop_get_delivery_communes (shop);

      g_string_append_printf (out, "• %s", _("Local delivery"));
      if (radius > 0)
        {
          g_string_append (out, " ");
          g_string_append_printf (out, _("within %u km"), radius);
        }
      else if (communes && communes[0])
        {
          g_autofree char *list = g_strjoinv (", ", (char **) communes);
          g_string_append_printf (out, " (%s)", list);
        }
      if (fee > 0)
        {
          g_autofree char *amount = comptoir_money_format (fee);
          g_string_append (out, " · ");
          g_string_append_printf (out, _("%s per delivery"), amount);
        }
      if (fee > 0 && free_above > 0)
        {
          g_autofree char *amount = comptoir_money_format (free_above);
          g_string_append (out, ", ");
          g_string_append_printf (out, _("free above %s"), amount);
        }
      g_string_append_c (out, '\n');
    }
  if (comptoir_shop_get_shipping (shop))
    g_string_append_printf (out, "• %s\n", _("Shipping by post"));
  if (methods && methods[0])
    {
      g_string_append_printf (out, "%s ", _("Payment accepted:"));
      for (guint i = 0; methods[i]; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", comptoir_shop_payment_method_label (methods[i]));
    }
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
logo_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ComptoirShopPreview) self = user_data;
  g_autoptr(GdkTexture) texture = comptoir_media_texture_load_finish (result, NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  /* an unreadable image leaves the initials */
  adw_avatar_set_custom_image (self->market_avatar, GDK_PAINTABLE (texture));
  adw_avatar_set_custom_image (self->card_avatar, GDK_PAINTABLE (texture));
}

static void
cover_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ComptoirShopPreview) self = user_data;
  g_autoptr(GdkTexture) texture = comptoir_media_texture_load_finish (result, NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  gtk_picture_set_paintable (self->market_cover, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->market_cover), texture != NULL);
}

/* Loads the logo and cover when they change, off the main thread. */
static void
update_images (ComptoirShopPreview *self)
{
  const char *logo = comptoir_shop_get_logo_hash (self->shop);
  const char *cover = comptoir_shop_get_cover_hash (self->shop);

  if (g_strcmp0 (logo, self->logo_hash) != 0)
    {
      g_free (self->logo_hash);
      self->logo_hash = g_strdup (logo);
      g_cancellable_cancel (self->logo_cancellable);
      g_clear_object (&self->logo_cancellable);
      adw_avatar_set_custom_image (self->market_avatar, NULL);
      adw_avatar_set_custom_image (self->card_avatar, NULL);
      if (*logo != '\0')
        {
          self->logo_cancellable = g_cancellable_new ();
          comptoir_media_texture_load_async (logo, COMPTOIR_MEDIA_THUMBNAIL, self->logo_cancellable,
                                             logo_loaded_cb, g_object_ref (self));
        }
    }
  if (g_strcmp0 (cover, self->cover_hash) != 0)
    {
      g_free (self->cover_hash);
      self->cover_hash = g_strdup (cover);
      g_cancellable_cancel (self->cover_cancellable);
      g_clear_object (&self->cover_cancellable);
      gtk_picture_set_paintable (self->market_cover, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->market_cover), FALSE);
      if (*cover != '\0')
        {
          self->cover_cancellable = g_cancellable_new ();
          comptoir_media_texture_load_async (cover, COMPTOIR_MEDIA_WEB, self->cover_cancellable,
                                             cover_loaded_cb, g_object_ref (self));
        }
    }
}

/**
 * comptoir_shop_preview_refresh:
 *
 * Redraws both previews from the shop now (they otherwise follow its
 * changes on the next idle).
 */
void
comptoir_shop_preview_refresh (ComptoirShopPreview *self)
{
  ComptoirShop *shop = self->shop;
  const char *name, *city;
  g_autofree char *description = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *status = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *services = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GString) contact = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *category;

  g_return_if_fail (COMPTOIR_IS_SHOP_PREVIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (shop == NULL)
    return;

  name = comptoir_shop_get_name (shop);
  city = comptoir_shop_get_city (shop);
  if (*name == '\0')
    name = _("Your shop’s name");
  category = comptoir_shop_category_label (comptoir_shop_get_category (shop));
  description = comptoir_markup_to_pango (comptoir_shop_get_description (shop));
  if (*comptoir_shop_get_street (shop) || *comptoir_shop_get_postcode (shop) || *city)
    address = g_strdup_printf ("%s\n%s %s", comptoir_shop_get_street (shop),
                               comptoir_shop_get_postcode (shop), city);
  phone = comptoir_phone_format_national (comptoir_shop_get_phone (shop));
  status = comptoir_opening_hours_format_status (comptoir_shop_get_opening_hours (shop), now);
  hours = hours_text (comptoir_shop_get_opening_hours (shop));
  services = services_text (shop);

  update_images (self);
  adw_avatar_set_text (self->market_avatar, name);
  set_text (self->market_name, name);
  set_text (self->market_tagline, comptoir_shop_get_tagline (shop));
  set_text (self->market_category, category);
  set_text (self->market_status, status);
  gtk_label_set_markup (self->market_description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->market_description), *description != '\0');
  set_text (self->market_address, address);
  set_text (self->market_phone, phone);
  set_text (self->market_hours, *hours ? hours : _("Opening hours not given yet"));
  set_text (self->market_services, *services ? services : _("No services given yet"));

  adw_avatar_set_text (self->card_avatar, name);
  set_text (self->card_name, name);
  subtitle = *city ? g_strdup_printf ("%s · %s", category, city) : g_strdup (category);
  set_text (self->card_subtitle, subtitle);
  set_text (self->card_tagline, comptoir_shop_get_tagline (shop));
  set_text (self->card_status, status);
  if (*phone)
    g_string_append (contact, phone);
  if (*comptoir_shop_get_website (shop))
    g_string_append_printf (contact, "%s%s", contact->len ? "\n" : "", comptoir_shop_get_website (shop));
  set_text (self->card_contact, contact->str);
}

static gboolean
refresh_idle (gpointer data)
{
  ComptoirShopPreview *self = data;

  self->refresh_id = 0;
  comptoir_shop_preview_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
shop_notify_cb (ComptoirShopPreview *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static gboolean
clock_cb (gpointer data)
{
  /* “Open now” changes with time, not only with edits. */
  comptoir_shop_preview_refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
phone_toggled_cb (ComptoirShopPreview *self)
{
  adw_clamp_set_maximum_size (self->clamp,
                              gtk_toggle_button_get_active (self->phone_toggle) ? PHONE_WIDTH : WIDE_WIDTH);
}

static GtkWidget *
build_marketplace (ComptoirShopPreview *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *hero = gtk_overlay_new ();
  GtkWidget *spacer;
  GtkWidget *banner = gtk_grid_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (page, "card");
  gtk_widget_add_css_class (page, "shop-preview-page");
  gtk_widget_set_overflow (page, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (hero, "shop-preview-banner");
  gtk_widget_add_css_class (banner, "shop-preview-shade");
  gtk_widget_set_valign (banner, GTK_ALIGN_END);
  self->market_avatar = ADW_AVATAR (adw_avatar_new (72, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->market_avatar), GTK_ALIGN_END);
  gtk_widget_set_margin_start (GTK_WIDGET (self->market_avatar), 16);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->market_avatar), 12);
  gtk_grid_set_column_spacing (GTK_GRID (banner), 12);
  gtk_grid_attach (GTK_GRID (banner), GTK_WIDGET (self->market_avatar), 0, 0, 1, 1);
  gtk_widget_set_valign (titles, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (titles, 12);
  gtk_widget_set_margin_end (titles, 16);
  gtk_widget_set_hexpand (titles, TRUE);
  self->market_name = label_new (GTK_BOX (titles), "preview-market-name", "title-2");
  self->market_tagline = label_new (GTK_BOX (titles), "preview-market-tagline", NULL);
  gtk_grid_attach (GTK_GRID (banner), titles, 1, 0, 1, 1);
  self->market_cover = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_name (GTK_WIDGET (self->market_cover), "preview-market-cover");
  gtk_picture_set_content_fit (self->market_cover, GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (self->market_cover, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->market_cover), FALSE);
  /* The height is fixed by an empty child; the cover (cropped to fill)
   * and the titles over it are overlays, which do not change it. */
  spacer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (spacer, -1, 150);
  gtk_overlay_set_child (GTK_OVERLAY (hero), spacer);
  gtk_overlay_add_overlay (GTK_OVERLAY (hero), GTK_WIDGET (self->market_cover));
  gtk_overlay_set_clip_overlay (GTK_OVERLAY (hero), GTK_WIDGET (self->market_cover), TRUE);
  gtk_overlay_add_overlay (GTK_OVERLAY (hero), banner);
  gtk_box_append (GTK_BOX (page), hero);

  gtk_widget_set_margin_start (body, 16);
  gtk_widget_set_margin_end (body, 16);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 16);
  self->market_category = label_new (GTK_BOX (body), "preview-market-category", "dim-label");
  self->market_status = label_new (GTK_BOX (body), "preview-market-status", "accent");
  self->market_description = label_new (GTK_BOX (body), "preview-market-description", NULL);
  gtk_widget_set_margin_top (GTK_WIDGET (self->market_description), 6);
  heading_new (GTK_BOX (body), _("Address"));
  self->market_address = label_new (GTK_BOX (body), "preview-market-address", NULL);
  self->market_phone = label_new (GTK_BOX (body), "preview-market-phone", NULL);
  heading_new (GTK_BOX (body), _("Opening hours"));
  self->market_hours = label_new (GTK_BOX (body), "preview-market-hours", NULL);
  heading_new (GTK_BOX (body), _("Services"));
  self->market_services = label_new (GTK_BOX (body), "preview-market-services", NULL);
  gtk_box_append (GTK_BOX (page), body);

  return page;
}

static GtkWidget *
build_directory (ComptoirShopPreview *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  self->card_avatar = ADW_AVATAR (adw_avatar_new (56, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->card_avatar), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->card_avatar), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->card_avatar), 12);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->card_avatar));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_top (text, 12);
  gtk_widget_set_margin_bottom (text, 12);
  gtk_widget_set_margin_end (text, 12);
  self->card_name = label_new (GTK_BOX (text), "preview-card-name", "heading");
  self->card_subtitle = label_new (GTK_BOX (text), "preview-card-subtitle", "dim-label");
  self->card_tagline = label_new (GTK_BOX (text), "preview-card-tagline", NULL);
  self->card_status = label_new (GTK_BOX (text), "preview-card-status", "accent");
  self->card_contact = label_new (GTK_BOX (text), "preview-card-contact", "caption");
  gtk_box_append (GTK_BOX (card), text);
  return card;
}

static void
comptoir_shop_preview_dispose (GObject *object)
{
  ComptoirShopPreview *self = COMPTOIR_SHOP_PREVIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_clear_object (&self->shop);
  g_cancellable_cancel (self->logo_cancellable);
  g_cancellable_cancel (self->cover_cancellable);
  g_clear_object (&self->logo_cancellable);
  g_clear_object (&self->cover_cancellable);
  g_clear_pointer (&self->logo_hash, g_free);
  g_clear_pointer (&self->cover_hash, g_free);

  G_OBJECT_CLASS (comptoir_shop_preview_parent_class)->dispose (object);
}

static void
comptoir_shop_preview_class_init (ComptoirShopPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = comptoir_shop_preview_dispose;
}

static void
comptoir_shop_preview_init (ComptoirShopPreview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *switcher = adw_view_switcher_new ();
  GtkWidget *stack = adw_view_stack_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *directory_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *note, *market_box;
  AdwViewStackPage *page;

  gtk_widget_add_css_class (box, "view");
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  /* Only the preview shown is measured, not both. */
  adw_view_stack_set_hhomogeneous (ADW_VIEW_STACK (stack), FALSE);
  adw_view_stack_set_vhomogeneous (ADW_VIEW_STACK (stack), FALSE);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (stack));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_hexpand (switcher, TRUE);
  gtk_box_append (GTK_BOX (bar), switcher);
  self->phone_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->phone_toggle), "preview-phone");
  gtk_button_set_icon_name (GTK_BUTTON (self->phone_toggle), "phone-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->phone_toggle), _("Phone width"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->phone_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Phone width"), -1);
  gtk_widget_set_valign (GTK_WIDGET (self->phone_toggle), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->phone_toggle, "toggled", G_CALLBACK (phone_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->phone_toggle));
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  /* short tab names keep the preview narrow enough to sit beside the editor */
  market_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  note = gtk_label_new (_("Marketplace shop page"));
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_set_margin_bottom (note, 12);
  gtk_box_append (GTK_BOX (market_box), note);
  gtk_box_append (GTK_BOX (market_box), build_marketplace (self));
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), market_box, "marketplace", _("Marketplace"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");
  note = gtk_label_new (_("Directory listing card: how your shop appears in the directory’s list of local shops."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_set_margin_bottom (note, 12);
  gtk_box_append (GTK_BOX (directory_box), note);
  gtk_box_append (GTK_BOX (directory_box), build_directory (self));
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), directory_box, "directory", _("Directory"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");

  self->clamp = ADW_CLAMP (adw_clamp_new ());
  adw_clamp_set_maximum_size (self->clamp, WIDE_WIDTH);
  adw_clamp_set_tightening_threshold (self->clamp, PHONE_WIDTH);
  adw_clamp_set_child (self->clamp, stack);
  gtk_widget_set_margin_start (stack, 12);
  gtk_widget_set_margin_end (stack, 12);
  gtk_widget_set_margin_top (stack, 12);
  gtk_widget_set_margin_bottom (stack, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->clamp));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_bin_set_child (ADW_BIN (self), box);
  self->clock_id = g_timeout_add_seconds (60, clock_cb, self);
}

GtkWidget *
comptoir_shop_preview_new (void)
{
  return g_object_new (COMPTOIR_TYPE_SHOP_PREVIEW, NULL);
}

void
comptoir_shop_preview_set_shop (ComptoirShopPreview *self,
                                ComptoirShop        *shop)
{
  g_return_if_fail (COMPTOIR_IS_SHOP_PREVIEW (self));
  g_return_if_fail (COMPTOIR_IS_SHOP (shop));

  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_set_object (&self->shop, shop);
  g_signal_connect_swapped (shop, "notify", G_CALLBACK (shop_notify_cb), self);
  comptoir_shop_preview_refresh (self);
}
