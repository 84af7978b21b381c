// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-window"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-application.h"
#include "comptoir-orders-page.h"
#include "comptoir-payouts-page.h"
#include "comptoir-products-page.h"
#include "comptoir-publishing-page.h"
#include "comptoir-resources.h"
#include "comptoir-shop-page.h"
#include "comptoir-window.h"

struct _ComptoirWindow
{
  AdwApplicationWindow   parent_instance;

  ComptoirStore         *store;
  GSettings             *settings;
  GtkWindow             *help_overlay;

  AdwLeaflet            *leaflet;
  GtkListBox            *sidebar;
  GtkWidget             *content_box;
  AdwWindowTitle        *content_title;
  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  /* Each section widget is built into its bin when first shown. */
  AdwBin                *shop_bin;
  AdwBin                *products_bin;
  AdwBin                *orders_bin;
  AdwBin                *payouts_bin;
  AdwBin                *publishing_bin;
  GtkButton             *sync_button;
  GtkStack              *sync_stack;
  GtkSpinner            *sync_spinner;
  gboolean               engine_wired;
};

G_DEFINE_FINAL_TYPE (ComptoirWindow, comptoir_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ComptoirSyncEngine *
sync_engine (ComptoirWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return COMPTOIR_IS_APPLICATION (app) ? comptoir_application_get_sync_engine (COMPTOIR_APPLICATION (app)) : NULL;
}

/* Builds the widget of @section (a stack page name) if it is not built yet. */
static void
ensure_section (ComptoirWindow *self,
                const char     *section)
{
  GtkWidget *page;
  AdwBin *bin;

  if (g_strcmp0 (section, "products") == 0)
    bin = self->products_bin;
  else if (g_strcmp0 (section, "orders") == 0)
    bin = self->orders_bin;
  else if (g_strcmp0 (section, "payouts") == 0)
    bin = self->payouts_bin;
  else if (g_strcmp0 (section, "publishing") == 0)
    bin = self->publishing_bin;
  else
    bin = self->shop_bin;

  if (adw_bin_get_child (bin) != NULL)
    return;

  if (bin == self->products_bin)
    {
      page = g_object_new (COMPTOIR_TYPE_PRODUCTS_PAGE, NULL);
      comptoir_products_page_set_store (COMPTOIR_PRODUCTS_PAGE (page), self->store);
    }
  else if (bin == self->orders_bin)
    {
      page = g_object_new (COMPTOIR_TYPE_ORDERS_PAGE, NULL);
      comptoir_orders_page_set_store (COMPTOIR_ORDERS_PAGE (page), self->store);
    }
  else if (bin == self->payouts_bin)
    {
      page = g_object_new (COMPTOIR_TYPE_PAYOUTS_PAGE, NULL);
      comptoir_payouts_page_set_store (COMPTOIR_PAYOUTS_PAGE (page), self->store);
    }
  else if (bin == self->publishing_bin)
    {
      page = g_object_new (COMPTOIR_TYPE_PUBLISHING_PAGE, NULL);
      comptoir_publishing_page_set_store (COMPTOIR_PUBLISHING_PAGE (page), self->store);
      comptoir_publishing_page_set_engine (COMPTOIR_PUBLISHING_PAGE (page), sync_engine (self));
    }
  else
    {
      page = g_object_new (COMPTOIR_TYPE_SHOP_PAGE, NULL);
      comptoir_shop_page_set_store (COMPTOIR_SHOP_PAGE (page), self->store);
    }
  adw_bin_set_child (bin, page);
}

static void
select_sidebar_row (ComptoirWindow *self,
                    const char     *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void
stack_visible_child_cb (ComptoirWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  GtkStackPage *page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));

  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  select_sidebar_row (self, name);
}

static void
sidebar_row_activated_cb (GtkListBox     *box,
                          GtkListBoxRow  *row,
                          ComptoirWindow *self)
{
  comptoir_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
populate_sidebar (ComptoirWindow *self)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (self->stack));
  guint n = g_list_model_get_n_items (pages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page));
      GtkWidget *label = gtk_label_new (gtk_stack_page_get_title (page));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, gtk_stack_page_get_name (page));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_stack_page_get_title (page),
                                      -1);
      gtk_list_box_append (self->sidebar, row);
    }
}

/* From Publishing: the products a platform refused, to fix them. */
static void
show_refused_products_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (widget);

  comptoir_window_show_section (self, "products");
  comptoir_products_page_show_refused (COMPTOIR_PRODUCTS_PAGE (adw_bin_get_child (self->products_bin)));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (widget);

  comptoir_window_show_section (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The shortcuts window is built the first time it is asked for, not with
 * every main window (GTK would build it at start-up from gtk/help-overlay.ui). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/help-overlay.ui");

      self->help_overlay = GTK_WINDOW (g_object_ref (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
    }
  gtk_window_present (self->help_overlay);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
save_window_state (ComptoirWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-section",
                         gtk_stack_get_visible_child_name (self->stack));
  g_settings_apply (self->settings);
}

static gboolean
comptoir_window_close_request (GtkWindow *window)
{
  save_window_state (COMPTOIR_WINDOW (window));

  return GTK_WINDOW_CLASS (comptoir_window_parent_class)->close_request (window);
}

/* Orders and payouts fetched: the lists already shown read them in. */
static void
sync_finished_cb (ComptoirWindow *self,
                  guint           n_pulled)
{
  GtkWidget *page;

  if (n_pulled == 0)
    return;
  if ((page = adw_bin_get_child (self->orders_bin)) != NULL)
    comptoir_orders_page_reload (COMPTOIR_ORDERS_PAGE (page));
  if ((page = adw_bin_get_child (self->payouts_bin)) != NULL)
    comptoir_payouts_page_reload (COMPTOIR_PAYOUTS_PAGE (page));
}

/* The header's sync button: shown once there is an account to talk to,
 * turning while Comptoir sends and fetches. */
static void
sync_state_cb (ComptoirWindow *self)
{
  ComptoirSyncEngine *engine = sync_engine (self);
  gboolean busy = comptoir_sync_engine_get_busy (engine);
  gboolean has_accounts;

  g_object_get (engine, "has-accounts", &has_accounts, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), has_accounts);
  gtk_stack_set_visible_child_name (self->sync_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, busy);
}

/* The application (and so its sync engine) is known once the window is
 * constructed: g_object_new() sets "application" after constructed(). */
static void
application_set_cb (ComptoirWindow *self)
{
  ComptoirSyncEngine *engine = sync_engine (self);

  if (engine == NULL || self->engine_wired)
    return;
  self->engine_wired = TRUE;
  g_signal_connect_object (engine, "finished", G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::busy", G_CALLBACK (sync_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::has-accounts", G_CALLBACK (sync_state_cb), self, G_CONNECT_SWAPPED);
  sync_state_cb (self);
  /* a section built before this was given no engine */
  if (adw_bin_get_child (self->publishing_bin) != NULL)
    comptoir_publishing_page_set_engine (COMPTOIR_PUBLISHING_PAGE (adw_bin_get_child (self->publishing_bin)), engine);
}

static void
comptoir_window_constructed (GObject *object)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (object);
  g_autofree char *section = NULL;

  G_OBJECT_CLASS (comptoir_window_parent_class)->constructed (object);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_set_cb), NULL);

  section = g_settings_get_string (self->settings, "last-section");
  comptoir_window_show_section (self, section);
  /* The first section is already visible: no notification for it. */
  stack_visible_child_cb (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
comptoir_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_window_dispose (GObject *object)
{
  ComptoirWindow *self = COMPTOIR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_WINDOW);
  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_object (&self->help_overlay);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (comptoir_window_parent_class)->dispose (object);
}

static void
comptoir_window_class_init (ComptoirWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *sections[] = { "shop", "products", "orders", "payouts", "publishing" };

  object_class->constructed = comptoir_window_constructed;
  object_class->dispose = comptoir_window_dispose;
  object_class->get_property = comptoir_window_get_property;
  object_class->set_property = comptoir_window_set_property;
  window_class->close_request = comptoir_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COMPTOIR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps its object file, and so its
   * registering constructor, in binaries linked against the static library. */
  g_assert (comptoir_get_resource () != NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, shop_bin);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, products_bin);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, orders_bin);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, payouts_bin);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, publishing_bin);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirWindow, sync_spinner);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-refused-products", NULL, show_refused_products_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-section", "s", sections[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
comptoir_window_init (ComptoirWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  populate_sidebar (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

ComptoirWindow *
comptoir_window_new (AdwApplication *application,
                     ComptoirStore  *store)
{
  return g_object_new (COMPTOIR_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * comptoir_window_show_section:
 * @self: the window
 * @section: "shop", "products", "orders", "payouts" or "publishing"
 */
void
comptoir_window_show_section (ComptoirWindow *self,
                              const char     *section)
{
  g_return_if_fail (COMPTOIR_IS_WINDOW (self));

  if (section == NULL || gtk_stack_get_child_by_name (self->stack, section) == NULL)
    section = "shop";
  ensure_section (self, section);
  gtk_stack_set_visible_child_name (self->stack, section);
}

const char *
comptoir_window_get_section (ComptoirWindow *self)
{
  g_return_val_if_fail (COMPTOIR_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
comptoir_window_add_toast (ComptoirWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (COMPTOIR_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
