// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gio/gunixfdlist.h>
#include <gst/gst.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "comptoir-camera-window.h"
#include "comptoir-photo-strip.h"
#include "comptoir-ui-test-utils.h"

/* The webcam inside Flatpak: a fake Camera portal, on its own connection
 * to the private session bus of dbus-run-session, answers the window as
 * xdg-desktop-portal does. The PipeWire remote it hands over is one end
 * of a socket pair; videotestsrc stands in for pipewiresrc's pictures. */

#define PORTAL_PATH "/org/freedesktop/portal/desktop"

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Camera'>"
  "    <property name='IsCameraPresent' type='b' access='read'/>"
  "    <property name='version' type='u' access='read'/>"
  "    <method name='AccessCamera'>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <method name='OpenPipeWireRemote'>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='h' name='fd' direction='out'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.freedesktop.portal.Request'>"
  "    <method name='Close'/>"
  "    <signal name='Response'>"
  "      <arg type='u' name='response'/>"
  "      <arg type='a{sv}' name='results'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;
  GDBusNodeInfo   *info;
  gboolean         name_acquired;

  /* What the next test wants */
  gboolean         present;
  int              response; /* 0 allowed, 1 refused, 2 failed, -1 never answers */

  /* What happened */
  guint            n_access;
  guint            n_open;
  guint            n_close;
  guint            request_id;
  int              peer_fd;  /* our end of the PipeWire "remote" */
} FakePortal;

static FakePortal fake = { .peer_fd = -1 };

static void
request_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  g_assert_cmpstr (method_name, ==, "Close");
  fake.n_close++;
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable request_vtable = { .method_call = request_method_cb };

static void
camera_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  if (g_strcmp0 (method_name, "AccessCamera") == 0)
    {
      g_autoptr(GVariant) options = NULL;
      g_autofree char *unique = g_strdup (sender + 1);
      g_autofree char *path = NULL;
      const char *token = NULL;
      GVariantBuilder results;

      fake.n_access++;
      options = g_variant_get_child_value (parameters, 0);
      g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
      g_strdelimit (unique, ".", '_');
      path = g_strconcat (PORTAL_PATH "/request/", unique, "/", token, NULL);
      g_assert_true (g_variant_is_object_path (path));

      if (fake.request_id != 0)
        g_dbus_connection_unregister_object (connection, fake.request_id);
      fake.request_id = g_dbus_connection_register_object (connection, path,
                                                           g_dbus_node_info_lookup_interface (fake.info, "org.freedesktop.portal.Request"),
                                                           &request_vtable, NULL, NULL, NULL);
      g_assert_cmpuint (fake.request_id, !=, 0);

      /* Answer before replying, as a quick portal may: only a caller that
       * subscribed before calling hears it. */
      if (fake.response >= 0)
        {
          g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
          g_dbus_connection_emit_signal (connection, sender, path, "org.freedesktop.portal.Request", "Response",
                                         g_variant_new ("(ua{sv})", (guint32) fake.response, &results), NULL);
        }
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", path));
    }
  else if (g_strcmp0 (method_name, "OpenPipeWireRemote") == 0)
    {
      g_autoptr(GUnixFDList) fd_list = g_unix_fd_list_new ();
      int pair[2];

      fake.n_open++;
      g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), ==, 0);
      g_assert_cmpint (g_unix_fd_list_append (fd_list, pair[1], NULL), ==, 0);
      close (pair[1]);
      if (fake.peer_fd >= 0)
        close (fake.peer_fd);
      fake.peer_fd = pair[0];
      g_dbus_method_invocation_return_value_with_unix_fd_list (invocation, g_variant_new ("(h)", 0), fd_list);
    }
  else
    g_assert_not_reached ();
}

static GVariant *
camera_get_property_cb (GDBusConnection  *connection,
                        const char       *sender,
                        const char       *object_path,
                        const char       *interface_name,
                        const char       *property_name,
                        GError          **error,
                        gpointer          user_data)
{
  if (g_strcmp0 (property_name, "IsCameraPresent") == 0)
    return g_variant_new_boolean (fake.present);
  return g_variant_new_uint32 (1);
}

static const GDBusInterfaceVTable camera_vtable = {
  .method_call = camera_method_cb,
  .get_property = camera_get_property_cb,
};

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  fake.name_acquired = TRUE;
}

static gboolean
start_fake_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (address == NULL)
    return FALSE;

  fake.info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_assert_no_error (error);
  fake.connection = g_dbus_connection_new_for_address_sync (address,
                                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                            | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_dbus_connection_register_object (fake.connection, PORTAL_PATH,
                                                       g_dbus_node_info_lookup_interface (fake.info, "org.freedesktop.portal.Camera"),
                                                       &camera_vtable, NULL, NULL, &error), !=, 0);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (fake.connection, "org.freedesktop.portal.Desktop", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, NULL, NULL, NULL);
  while (!fake.name_acquired)
    g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

static void
reset_fake_portal (gboolean present,
                   int      response)
{
  fake.present = present;
  fake.response = response;
  fake.n_access = fake.n_open = fake.n_close = 0;
  if (fake.peer_fd >= 0)
    close (fake.peer_fd);
  fake.peer_fd = -1;
}

/* Driving the window, as test-camera.c does */

static gboolean
is_idle (gpointer strip)
{
  return !comptoir_photo_strip_get_busy (strip);
}

static GtkWidget *
find_camera_tile (GtkWidget *widget)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "strip.camera") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_camera_tile (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_frame (gpointer window)
{
  GtkWidget *picture = comptoir_ui_test_find_widget (window, GTK_TYPE_PICTURE, NULL, COMPTOIR_UI_TEST_MAPPED);

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static gboolean
shows_error (gpointer window)
{
  return comptoir_ui_test_find_widget (window, ADW_TYPE_STATUS_PAGE, NULL, COMPTOIR_UI_TEST_MAPPED) != NULL;
}

static gboolean
was_asked (gpointer data)
{
  return fake.n_access > 0;
}

static gboolean
was_closed (gpointer data)
{
  return fake.n_close > 0;
}

static ComptoirCameraWindow *
find_camera_window (void)
{
  return comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_CAMERA_WINDOW, COMPTOIR_UI_TEST_ANY);
}

static GtkWidget *
open_strip (ComptoirStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *strip = comptoir_photo_strip_new ();

  comptoir_photo_strip_set_store (COMPTOIR_PHOTO_STRIP (strip), store);
  gtk_window_set_child (GTK_WINDOW (window), strip);
  gtk_window_present (GTK_WINDOW (window));
  comptoir_ui_test_wait_for_mapped (strip);
  return strip;
}

/* Opens the camera window from the strip's camera tile. */
static ComptoirCameraWindow *
open_camera (GtkWidget *strip)
{
  ComptoirCameraWindow *camera;

  g_assert_nonnull (find_camera_tile (strip));
  g_assert_true (gtk_widget_activate_action (strip, "strip.camera", NULL));
  camera = find_camera_window ();
  g_assert_nonnull (camera);
  return camera;
}

static const char *
error_description (ComptoirCameraWindow *camera)
{
  GtkWidget *status = comptoir_ui_test_find_widget (GTK_WIDGET (camera), ADW_TYPE_STATUS_PAGE, NULL,
                                                    COMPTOIR_UI_TEST_MAPPED);

  return adw_status_page_get_description (ADW_STATUS_PAGE (status));
}

/* The person allows the camera: the portal's PipeWire remote feeds the
 * pipeline, and is let go once the photo is taken. */
static void
test_allowed (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("portal-allowed.db");
  g_autoptr(ComptoirStore) store = NULL;
  GtkWidget *strip;
  ComptoirCameraWindow *camera;
  g_auto(GStrv) hashes = NULL;
  struct pollfd pfd;
  const char *source;
  char byte = 0;
  int fd;

  if (fake.connection == NULL)
    {
      g_test_skip ("No D-Bus session bus (run under dbus-run-session)");
      return;
    }
  reset_fake_portal (TRUE, 0);
  store = comptoir_store_open (path, NULL);
  strip = open_strip (store);

  camera = open_camera (strip);
  g_assert_true (comptoir_ui_test_wait_until (shows_frame, camera));
  g_assert_cmpuint (fake.n_access, ==, 1);
  g_assert_cmpuint (fake.n_open, ==, 1);

  /* The pipeline reads the camera from the descriptor the portal gave. */
  source = comptoir_camera_window_get_camera_source (camera);
  g_assert_nonnull (source);
  g_assert_true (g_str_has_prefix (source, "pipewiresrc fd="));
  fd = atoi (source + strlen ("pipewiresrc fd="));
  g_assert_cmpint (fd, >, 2);
  g_assert_cmpint (write (fake.peer_fd, "c", 1), ==, 1);
  g_assert_cmpint (recv (fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT), ==, 1);
  g_assert_cmpint (byte, ==, 'c');

  /* …and is what PipeWire's GStreamer element expects. */
  {
    g_autoptr(GstPluginFeature) factory = GST_PLUGIN_FEATURE (gst_element_factory_find ("pipewiresrc"));

    if (factory != NULL)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GstElement) element = gst_parse_launch (source, &error);
        int element_fd = -1;

        g_assert_no_error (error);
        g_assert_cmpstr (G_OBJECT_TYPE_NAME (element), ==, "GstPipeWireSrc");
        g_object_get (element, "fd", &element_fd, NULL);
        g_assert_cmpint (element_fd, ==, fd);
      }
    else
      g_test_incomplete ("pipewiresrc is missing: install gstreamer1.0-pipewire");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.take", NULL));
  g_assert_null (find_camera_window ());
  g_assert_true (comptoir_ui_test_wait_until (is_idle, strip));
  hashes = comptoir_photo_strip_get_hashes (COMPTOIR_PHOTO_STRIP (strip));
  g_assert_cmpuint (g_strv_length (hashes), ==, 1);

  /* Once the window is gone, nobody holds the remote any more. */
  pfd = (struct pollfd) { .fd = fake.peer_fd, .events = POLLIN };
  g_assert_cmpint (poll (&pfd, 1, 5000), ==, 1);
  g_assert_true (pfd.revents & POLLHUP);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

/* The person says no (or said no before): the window says how to allow it. */
static void
test_refused (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("portal-refused.db");
  g_autoptr(ComptoirStore) store = NULL;
  GtkWidget *strip;
  ComptoirCameraWindow *camera;

  if (fake.connection == NULL)
    {
      g_test_skip ("No D-Bus session bus (run under dbus-run-session)");
      return;
    }
  reset_fake_portal (TRUE, 1);
  store = comptoir_store_open (path, NULL);
  strip = open_strip (store);

  camera = open_camera (strip);
  g_assert_true (comptoir_ui_test_wait_until (shows_error, camera));
  g_assert_true (g_str_has_prefix (error_description (camera),
                                   "Comptoir n’a pas l’autorisation d’utiliser la caméra."));
  g_assert_nonnull (strstr (error_description (camera), "Paramètres"));
  g_assert_cmpuint (fake.n_access, ==, 1);
  g_assert_cmpuint (fake.n_open, ==, 0);
  g_assert_null (comptoir_camera_window_get_camera_source (camera));

  /* Nothing to take. */
  gtk_widget_activate_action (GTK_WIDGET (camera), "camera.take", NULL);
  g_assert_nonnull (find_camera_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.cancel", NULL));
  g_assert_null (find_camera_window ());
  g_assert_false (comptoir_photo_strip_get_busy (COMPTOIR_PHOTO_STRIP (strip)));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

/* The portal fails for another reason: the window says so in plain words. */
static void
test_failed (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("portal-failed.db");
  g_autoptr(ComptoirStore) store = NULL;
  GtkWidget *strip;
  ComptoirCameraWindow *camera;

  if (fake.connection == NULL)
    {
      g_test_skip ("No D-Bus session bus (run under dbus-run-session)");
      return;
    }
  reset_fake_portal (TRUE, 2);
  store = comptoir_store_open (path, NULL);
  strip = open_strip (store);

  camera = open_camera (strip);
  g_assert_true (comptoir_ui_test_wait_until (shows_error, camera));
  g_assert_true (g_str_has_prefix (error_description (camera), "Le système n’a pas donné accès à la caméra."));
  g_assert_cmpuint (fake.n_open, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.cancel", NULL));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

/* No camera plugged in: the person is not asked for nothing. */
static void
test_no_camera (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("portal-no-camera.db");
  g_autoptr(ComptoirStore) store = NULL;
  GtkWidget *strip;
  ComptoirCameraWindow *camera;

  if (fake.connection == NULL)
    {
      g_test_skip ("No D-Bus session bus (run under dbus-run-session)");
      return;
    }
  reset_fake_portal (FALSE, 0);
  store = comptoir_store_open (path, NULL);
  strip = open_strip (store);

  camera = open_camera (strip);
  g_assert_true (comptoir_ui_test_wait_until (shows_error, camera));
  g_assert_cmpstr (error_description (camera), ==, "Aucune caméra n’a été trouvée. Branchez une webcam, puis réessayez.");
  g_assert_cmpuint (fake.n_access, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.cancel", NULL));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

/* The window is closed while the desktop still asks: the question is
 * withdrawn, and nothing is left waiting. */
static void
test_closed_while_asking (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("portal-closed.db");
  g_autoptr(ComptoirStore) store = NULL;
  GtkWidget *strip;
  ComptoirCameraWindow *camera;

  if (fake.connection == NULL)
    {
      g_test_skip ("No D-Bus session bus (run under dbus-run-session)");
      return;
    }
  reset_fake_portal (TRUE, -1);
  store = comptoir_store_open (path, NULL);
  strip = open_strip (store);

  camera = open_camera (strip);
  g_assert_true (comptoir_ui_test_wait_until (was_asked, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.cancel", NULL));
  g_assert_null (find_camera_window ());
  g_assert_true (comptoir_ui_test_wait_until (was_closed, NULL));
  g_assert_cmpuint (fake.n_open, ==, 0);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

int
main (int   argc,
      char *argv[])
{
  /* As inside Flatpak, with a test picture instead of PipeWire's. */
  g_setenv ("COMPTOIR_CAMERA_PORTAL", "1", TRUE);
  g_setenv ("COMPTOIR_CAMERA_SOURCE", "videotestsrc is-live=true", TRUE);
  comptoir_ui_test_init (&argc, &argv);
  start_fake_portal ();

  g_test_add_func ("/camera-portal/allowed", test_allowed);
  g_test_add_func ("/camera-portal/refused", test_refused);
  g_test_add_func ("/camera-portal/failed", test_failed);
  g_test_add_func ("/camera-portal/no-camera", test_no_camera);
  g_test_add_func ("/camera-portal/closed-while-asking", test_closed_while_asking);

  return g_test_run ();
}
