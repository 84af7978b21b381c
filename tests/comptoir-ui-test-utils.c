// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "comptoir-resources.h"
#include "comptoir-ui-test-utils.h"

/* Helpers shared by the tests that open real windows; documented in
 * comptoir-ui-test-utils.h. */

void
comptoir_ui_test_init (int    *argc,
                       char ***argv)
{
  /* The merchant's language. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LANG", "fr_FR.UTF-8", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  comptoir_test_init (argc, argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_nonnull (setlocale (LC_ALL, "fr_FR.UTF-8"));

  gtk_init ();
  adw_init ();
  /* Pulls the templates into the static link; they register themselves. */
  g_assert_nonnull (comptoir_get_resource ());
}

void
comptoir_ui_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
comptoir_ui_test_wait_until (ComptoirUiTestDoneFunc done,
                             gpointer               data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL); /* so the deadline is seen */

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done (data);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

void
comptoir_ui_test_wait_for_mapped (GtkWidget *widget)
{
  g_assert_true (comptoir_ui_test_wait_until (is_mapped, widget));
  comptoir_ui_test_spin (300);
}

void
comptoir_ui_test_save_screenshot (GtkWidget  *widget,
                                  const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GskRenderer *renderer;
  int width = 0, height = 0;

  /* A window just shown may not have been laid out and drawn yet (slow
   * under the sanitizers): wait until it has something to draw. */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0)
        gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        comptoir_ui_test_spin (50);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot saved to %s", path);
}

static gboolean
is_shown (GtkWidget           *widget,
          ComptoirUiTestShown  shown)
{
  switch (shown)
    {
    case COMPTOIR_UI_TEST_ANY:
      return TRUE;
    case COMPTOIR_UI_TEST_VISIBLE:
      return gtk_widget_get_visible (widget);
    case COMPTOIR_UI_TEST_CHILD_VISIBLE:
      return gtk_widget_get_child_visible (widget);
    case COMPTOIR_UI_TEST_MAPPED:
      return gtk_widget_get_mapped (widget);
    default:
      g_assert_not_reached ();
    }
}

/* The text a person reads on @widget, when it is of a kind that has one. */
static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return NULL;
}

typedef gboolean (*MatchFunc) (GtkWidget  *widget,
                               gconstpointer data);

static GtkWidget *
find_first (GtkWidget     *widget,
            MatchFunc      match,
            gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_all (GtkWidget     *widget,
           MatchFunc      match,
           gconstpointer  data)
{
  guint n = match (widget, data) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_all (child, match, data);
  return n;
}

typedef struct
{
  GType                type;
  const char          *text;
  gboolean             partial; /* text is only part of the widget's */
  ComptoirUiTestShown  shown;
} Wanted;

static gboolean
match_wanted (GtkWidget     *widget,
              gconstpointer  data)
{
  const Wanted *wanted = data;
  const char *text;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) || !is_shown (widget, wanted->shown))
    return FALSE;
  if (wanted->text == NULL)
    return TRUE;
  text = widget_text (widget);
  if (text == NULL)
    return FALSE;
  return wanted->partial ? strstr (text, wanted->text) != NULL : strcmp (text, wanted->text) == 0;
}

GtkWidget *
comptoir_ui_test_find_widget (GtkWidget           *root,
                              GType                type,
                              const char          *text,
                              ComptoirUiTestShown  shown)
{
  Wanted wanted = { type, text, FALSE, shown };

  return find_first (root, match_wanted, &wanted);
}

GtkWidget *
comptoir_ui_test_find_label (GtkWidget           *root,
                             const char          *text,
                             ComptoirUiTestShown  shown)
{
  Wanted wanted = { GTK_TYPE_LABEL, text, FALSE, shown };

  g_return_val_if_fail (text != NULL, NULL);
  return find_first (root, match_wanted, &wanted);
}

GtkWidget *
comptoir_ui_test_find_label_containing (GtkWidget           *root,
                                        const char          *text,
                                        ComptoirUiTestShown  shown)
{
  Wanted wanted = { GTK_TYPE_LABEL, text, TRUE, shown };

  g_return_val_if_fail (text != NULL, NULL);
  return find_first (root, match_wanted, &wanted);
}

guint
comptoir_ui_test_count_labels (GtkWidget           *root,
                               const char          *text,
                               ComptoirUiTestShown  shown)
{
  Wanted wanted = { GTK_TYPE_LABEL, text, FALSE, shown };

  g_return_val_if_fail (text != NULL, 0);
  return count_all (root, match_wanted, &wanted);
}

static gboolean
match_name (GtkWidget     *widget,
            gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
comptoir_ui_test_find_named (GtkWidget  *root,
                             const char *name)
{
  return find_first (root, match_name, name);
}

gpointer
comptoir_ui_test_find_toplevel (GType                type,
                                ComptoirUiTestShown  shown)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && is_shown (GTK_WIDGET (window), shown))
        return window; /* the list of toplevels keeps it */
    }
  return NULL;
}

ComptoirWindow *
comptoir_ui_test_start_app (ComptoirApplication **out_app,
                            int                   width,
                            int                   height)
{
  static guint n_started;
  g_autoptr(GError) error = NULL;
  ComptoirApplication *app = comptoir_application_new ();
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APPLICATION_ID, ++n_started);
  GtkWindow *window;

  /* Each instance gets its own id: the previous one may still be on the bus. */
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (COMPTOIR_IS_WINDOW (window));
  if (width > 0 && height > 0)
    gtk_window_set_default_size (window, width, height);
  comptoir_ui_test_wait_for_mapped (GTK_WIDGET (window));
  *out_app = app;
  return COMPTOIR_WINDOW (window);
}

void
comptoir_ui_test_stop_app (ComptoirApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  comptoir_ui_test_spin (100);
  g_object_unref (app);
}
