// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-camera-portal"

#include "config.h"

#include <gio/gunixfdlist.h>

#include "comptoir-camera-portal.h"

/* Inside Flatpak the webcam is reached through the desktop's Camera
 * portal: check that a camera exists, ask the person (the desktop shows
 * the dialog and remembers the answer), then get a file descriptor to the
 * PipeWire remote where the camera nodes are, for pipewiresrc.
 *
 * Plain GDBus: a portal request answers with an object path, and the
 * outcome comes later as a Response signal on that path. The path is
 * predictable (…/request/SENDER/TOKEN), so the subscription is made
 * before the call and no answer can slip through. */

#define PORTAL_BUS_NAME   "org.freedesktop.portal.Desktop"
#define PORTAL_PATH       "/org/freedesktop/portal/desktop"
#define CAMERA_INTERFACE  "org.freedesktop.portal.Camera"
#define REQUEST_INTERFACE "org.freedesktop.portal.Request"

/* Request::Response codes */
enum {
  RESPONSE_SUCCESS   = 0,
  RESPONSE_CANCELLED = 1, /* the person said no, now or earlier */
};

typedef struct
{
  GDBusConnection *connection;
  char            *request_path;
  guint            response_id;
  GSource         *cancel_source;
  gboolean         responded;
  gboolean         cancelled;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_assert (data->response_id == 0);
  g_assert (data->cancel_source == NULL);
  g_clear_object (&data->connection);
  g_free (data->request_path);
  g_free (data);
}

/**
 * comptoir_camera_portal_is_needed:
 *
 * Whether the camera must be reached through the Camera portal: inside
 * Flatpak, where /dev/video* is out of reach. COMPTOIR_CAMERA_PORTAL=1
 * forces it, for tests.
 */
gboolean
comptoir_camera_portal_is_needed (void)
{
  return g_strcmp0 (g_getenv ("COMPTOIR_CAMERA_PORTAL"), "1") == 0
         || g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* Stops listening for the answer; the request no longer matters. */
static void
stop_waiting (GTask *task)
{
  OpenData *data = g_task_get_task_data (task);

  if (data->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
      data->response_id = 0;
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
}

static void
return_error (GTask  *task,
              GError *error)
{
  stop_waiting (task);
  g_task_return_error (task, error);
}

static void
open_remote_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GUnixFDList) fd_list = NULL;
  g_autoptr(GUnixFDList) remote = NULL;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;
  gint32 handle;
  int fd;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), &fd_list, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_variant_get (reply, "(h)", &handle);
  if (fd_list == NULL || handle < 0 || handle >= g_unix_fd_list_get_length (fd_list))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "OpenPipeWireRemote returned no file descriptor");
      return;
    }
  fd = g_unix_fd_list_get (fd_list, handle, &error); /* a duplicate */
  if (fd < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Held in a list so that the descriptor is closed if nobody takes it
   * (the caller went away meanwhile). */
  remote = g_unix_fd_list_new_from_array (&fd, 1);
  g_task_return_pointer (task, g_steal_pointer (&remote), g_object_unref);
}

static void
response_cb (GDBusConnection *connection,
             const char      *sender_name,
             const char      *object_path,
             const char      *interface_name,
             const char      *signal_name,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  guint32 response;

  if (data->responded || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;

  data->responded = TRUE;
  g_variant_get (parameters, "(u@a{sv})", &response, NULL);
  g_debug ("AccessCamera answered %u", response);
  stop_waiting (task);

  if (response == RESPONSE_SUCCESS)
    g_dbus_connection_call_with_unix_fd_list (connection, PORTAL_BUS_NAME, PORTAL_PATH, CAMERA_INTERFACE,
                                              "OpenPipeWireRemote", g_variant_new ("(a{sv})", NULL),
                                              G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                              g_task_get_cancellable (task), open_remote_cb, g_object_ref (task));
  else if (response == RESPONSE_CANCELLED)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Camera access refused");
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "Camera request failed (%u)", response);
}

static void
subscribe_response (GTask      *task,
                    const char *request_path)
{
  OpenData *data = g_task_get_task_data (task);

  if (data->response_id != 0)
    g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
  g_free (data->request_path);
  data->request_path = g_strdup (request_path);
  data->response_id = g_dbus_connection_signal_subscribe (data->connection, PORTAL_BUS_NAME, REQUEST_INTERFACE,
                                                          "Response", request_path, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          response_cb, g_object_ref (task), g_object_unref);
}

static void
close_request (OpenData   *data,
               const char *request_path)
{
  g_dbus_connection_call (data->connection, PORTAL_BUS_NAME, request_path, REQUEST_INTERFACE,
                          "Close", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

/* Closing the window while the desktop asks: withdraw the question. */
static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);

  close_request (data, data->request_path);
  data->responded = TRUE;
  data->cancelled = TRUE;
  return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Camera request cancelled"));
  return G_SOURCE_REMOVE;
}

static void
access_camera_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  const char *handle = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    g_variant_get (reply, "(&o)", &handle);

  if (data->responded)
    {
      /* The answer came first, or the caller gave up (and the question
       * was withdrawn at the expected path: a portal older than 0.9
       * chose another one). */
      if (handle != NULL && data->cancelled && g_strcmp0 (handle, data->request_path) != 0)
        close_request (data, handle);
      g_clear_error (&error);
      return;
    }
  if (reply == NULL)
    {
      return_error (task, error);
      return;
    }

  /* Portals older than 0.9 choose another path: follow it. */
  if (g_strcmp0 (handle, data->request_path) != 0)
    subscribe_response (task, handle);
}

static void
is_present_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) present = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *request_path = NULL;
  GVariantBuilder options;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_variant_get (reply, "(v)", &present);
  if (!g_variant_is_of_type (present, G_VARIANT_TYPE_BOOLEAN) || !g_variant_get_boolean (present))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No camera");
      return;
    }

  /* SENDER is our unique name without ':' and with '.' made '_'. */
  token = g_strdup_printf ("comptoir%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (data->connection) + 1);
  g_strdelimit (sender, ".", '_');
  request_path = g_strconcat (PORTAL_PATH "/request/", sender, "/", token, NULL);
  subscribe_response (task, request_path);

  /* The call itself is not cancelled: the desktop may already be asking,
   * so cancelling withdraws the request instead. */
  if (g_task_get_cancellable (task) != NULL)
    {
      data->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_task_attach_source (task, data->cancel_source, G_SOURCE_FUNC (cancelled_cb));
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_dbus_connection_call (data->connection, PORTAL_BUS_NAME, PORTAL_PATH, CAMERA_INTERFACE,
                          "AccessCamera", g_variant_new ("(a{sv})", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, access_camera_cb, g_object_ref (task));
}

static void
bus_get_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->connection = g_bus_get_finish (result, &error);
  if (data->connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_dbus_connection_call (data->connection, PORTAL_BUS_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties",
                          "Get", g_variant_new ("(ss)", CAMERA_INTERFACE, "IsCameraPresent"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), is_present_cb, g_object_ref (task));
}

/**
 * comptoir_camera_portal_open_async:
 * @cancellable: (nullable): cancels the request, and closes the desktop's dialog
 * @callback: called with the outcome, in the calling thread's main context
 * @user_data: for @callback
 *
 * Asks the Camera portal for the camera: whether one exists, whether
 * Comptoir may use it (the desktop may ask the person), then a PipeWire
 * remote to read it from.
 */
void
comptoir_camera_portal_open_async (GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, comptoir_camera_portal_open_async);
  g_task_set_task_data (task, g_new0 (OpenData, 1), (GDestroyNotify) open_data_free);
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_get_cb, g_steal_pointer (&task));
}

/**
 * comptoir_camera_portal_open_finish:
 * @result: given to the callback
 * @error: %G_IO_ERROR_NOT_FOUND when there is no camera,
 *   %G_IO_ERROR_PERMISSION_DENIED when Comptoir may not use it, another
 *   error when the portal is missing or failed
 *
 * Returns: a file descriptor to the PipeWire remote (for pipewiresrc's
 *   fd property; the caller closes it), or -1 with @error set
 */
int
comptoir_camera_portal_open_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GUnixFDList) remote = NULL;
  int n_fds;
  int *fds;
  int fd;

  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == comptoir_camera_portal_open_async, -1);

  remote = g_task_propagate_pointer (G_TASK (result), error);
  if (remote == NULL)
    return -1;
  fds = g_unix_fd_list_steal_fds (remote, &n_fds);
  g_assert (n_fds == 1);
  fd = fds[0];
  g_free (fds);
  return fd;
}
