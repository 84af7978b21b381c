// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Helpers for the tests that open real windows (GTK and libadwaita).
 * Core tests use comptoir-test-utils.h alone, which stays free of GTK. */

#include <adwaita.h>

#include "comptoir-application.h"
#include "comptoir-test-utils.h"
#include "comptoir-window.h"

G_BEGIN_DECLS

/**
 * ComptoirUiTestShown:
 * @COMPTOIR_UI_TEST_ANY: anywhere in the widget tree, shown or not
 * @COMPTOIR_UI_TEST_VISIBLE: gtk_widget_get_visible() is set
 * @COMPTOIR_UI_TEST_CHILD_VISIBLE: its parent lets it show
 *   (gtk_widget_get_child_visible(): e.g. the visible page of a stack)
 * @COMPTOIR_UI_TEST_MAPPED: on screen (gtk_widget_get_mapped())
 *
 * Which widgets the finders below accept.
 */
typedef enum
{
  COMPTOIR_UI_TEST_ANY,
  COMPTOIR_UI_TEST_VISIBLE,
  COMPTOIR_UI_TEST_CHILD_VISIBLE,
  COMPTOIR_UI_TEST_MAPPED,
} ComptoirUiTestShown;

/* Returns TRUE once what a test waits for has happened. */
typedef gboolean (*ComptoirUiTestDoneFunc) (gpointer data);

/**
 * comptoir_ui_test_init:
 *
 * comptoir_test_init(), in the merchant's language: French locale and
 * Comptoir's translations from $COMPTOIR_LOCALEDIR (the build's po/); then
 * GTK, libadwaita and Comptoir's resources (its templates). Call it first in
 * main(), before g_test_add_func().
 */
void        comptoir_ui_test_init             (int    *argc,
                                               char ***argv);

/**
 * comptoir_ui_test_spin:
 * @ms: how long
 *
 * Runs the main loop for @ms milliseconds, so that animations, timeouts
 * and redraws happen.
 */
void        comptoir_ui_test_spin             (guint   ms);

/**
 * comptoir_ui_test_wait_until:
 * @done: tells whether the wait is over
 * @data: passed to @done
 *
 * Runs the main loop until @done returns TRUE, for 20 seconds at most.
 *
 * Returns: what @done returns in the end: assert it.
 */
gboolean    comptoir_ui_test_wait_until       (ComptoirUiTestDoneFunc done,
                                               gpointer               data);

/**
 * comptoir_ui_test_wait_for_mapped:
 * @widget: a widget being shown
 *
 * Waits until @widget is on screen (asserts it is, within 20 seconds), then
 * lets it settle for 300 ms.
 */
void        comptoir_ui_test_wait_for_mapped  (GtkWidget  *widget);

/**
 * comptoir_ui_test_save_screenshot:
 * @widget: a widget on screen, often a window
 * @name: what the picture shows
 *
 * Renders @widget as it is now into screenshot-@name.png in the test's
 * build folder (G_TEST_BUILT), for people to look at.
 */
void        comptoir_ui_test_save_screenshot  (GtkWidget  *widget,
                                               const char *name);

/**
 * comptoir_ui_test_find_widget:
 * @root: where to search, @root included
 * @type: the type wanted (subtypes too)
 * @text: (nullable): the wanted widget's text: a label's text, a button's
 *   label or an AdwPreferencesRow's title, all in full; NULL for any
 * @shown: which widgets count
 *
 * Returns: (transfer none) (nullable): the first match, depth first.
 */
GtkWidget  *comptoir_ui_test_find_widget      (GtkWidget           *root,
                                               GType                type,
                                               const char          *text,
                                               ComptoirUiTestShown  shown);

/**
 * comptoir_ui_test_find_label:
 * @root: where to search, @root included
 * @text: the label's whole text
 * @shown: which labels count
 *
 * Returns: (transfer none) (nullable): the first GtkLabel showing @text.
 */
GtkWidget  *comptoir_ui_test_find_label       (GtkWidget           *root,
                                               const char          *text,
                                               ComptoirUiTestShown  shown);

/**
 * comptoir_ui_test_find_label_containing:
 * @root: where to search, @root included
 * @text: part of the label's text
 * @shown: which labels count
 *
 * Returns: (transfer none) (nullable): the first GtkLabel whose text
 * contains @text.
 */
GtkWidget  *comptoir_ui_test_find_label_containing (GtkWidget           *root,
                                                    const char          *text,
                                                    ComptoirUiTestShown  shown);

/**
 * comptoir_ui_test_count_labels:
 * @root: where to search, @root included
 * @text: the labels' whole text
 * @shown: which labels count
 *
 * Returns: how many GtkLabels show @text.
 */
guint       comptoir_ui_test_count_labels     (GtkWidget           *root,
                                               const char          *text,
                                               ComptoirUiTestShown  shown);

/**
 * comptoir_ui_test_find_named:
 * @root: where to search, @root included
 * @name: a widget name (gtk_widget_set_name(), or the name in a .ui file)
 *
 * Returns: (transfer none) (nullable): the first widget named @name.
 */
GtkWidget  *comptoir_ui_test_find_named       (GtkWidget  *root,
                                               const char *name);

/**
 * comptoir_ui_test_find_toplevel:
 * @type: a GtkWindow type (subtypes too)
 * @shown: which windows count
 *
 * Returns: (transfer none) (nullable): the first toplevel window of @type,
 * e.g. the dialog an action just opened.
 */
gpointer    comptoir_ui_test_find_toplevel    (GType                type,
                                               ComptoirUiTestShown  shown);

/**
 * comptoir_ui_test_start_app:
 * @out_app: (out) (transfer full): the running application
 * @width: the window's width to start with, or 0 for the remembered one
 * @height: the window's height to start with, or 0 for the remembered one
 *
 * Starts a ComptoirApplication, with an application id of its own (an
 * earlier instance may still be on the bus), and waits until its window
 * is on screen.
 *
 * Returns: (transfer none): the application's window
 */
ComptoirWindow *comptoir_ui_test_start_app    (ComptoirApplication **out_app,
                                               int                   width,
                                               int                   height);

/**
 * comptoir_ui_test_stop_app:
 * @app: (transfer full): from comptoir_ui_test_start_app()
 *
 * Quits @app as the merchant would (its settings are saved), lets the main
 * loop finish, and drops @app.
 */
void        comptoir_ui_test_stop_app         (ComptoirApplication *app);

G_END_DECLS
