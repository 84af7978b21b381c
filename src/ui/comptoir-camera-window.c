// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-camera-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <unistd.h>

#include "comptoir-camera-portal.h"
#include "comptoir-camera-window.h"

/* A webcam preview with one button. Frames come from a GStreamer appsink
 * in its streaming thread and are shown as GdkMemoryTextures (Debian 12
 * has no GTK 4 video sink); the frame shown when the merchant takes the
 * photo is handed over with ComptoirCameraWindow::captured and goes
 * through the photo pipeline like any other picture.
 *
 * Outside Flatpak the camera is read with v4l2src. Inside, only the
 * Camera portal can reach it: the window first asks the portal, which
 * hands over a PipeWire remote, and reads it with pipewiresrc.
 *
 * COMPTOIR_CAMERA_SOURCE replaces the camera by another source element,
 * for tests ("videotestsrc is-live=true"); the portal is still asked. */

struct _ComptoirCameraWindow
{
  AdwWindow      parent_instance;

  GtkStack      *stack;
  GtkPicture    *picture;
  AdwStatusPage *error_page;

  GCancellable  *cancellable;
  int            portal_fd;
  char          *camera_source;
  GstElement    *pipeline;
  guint          bus_watch;
  GdkTexture    *frame;

  /* Shared with the streaming thread. */
  GMutex         lock;
  GBytes        *next_frame;
  int            next_width;
  int            next_height;
  guint          frame_idle;
};

G_DEFINE_FINAL_TYPE (ComptoirCameraWindow, comptoir_camera_window, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ComptoirCameraWindow *self,
            const char           *description)
{
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.take", FALSE);
}

static void
stop_pipeline (ComptoirCameraWindow *self)
{
  if (self->pipeline != NULL)
    {
      /* Joins the streaming thread: no frame arrives after this. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
  g_clear_handle_id (&self->bus_watch, g_source_remove);

  g_mutex_lock (&self->lock);
  g_clear_handle_id (&self->frame_idle, g_source_remove);
  g_clear_pointer (&self->next_frame, g_bytes_unref);
  g_mutex_unlock (&self->lock);

  /* pipewiresrc has its own copy of the descriptor. */
  if (self->portal_fd >= 0)
    {
      close (self->portal_fd);
      self->portal_fd = -1;
    }
}

/* Main thread */

static gboolean
show_frame_cb (gpointer user_data)
{
  ComptoirCameraWindow *self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  int width, height;

  g_mutex_lock (&self->lock);
  self->frame_idle = 0;
  bytes = g_steal_pointer (&self->next_frame);
  width = self->next_width;
  height = self->next_height;
  g_mutex_unlock (&self->lock);

  if (bytes == NULL)
    return G_SOURCE_REMOVE;

  g_clear_object (&self->frame);
  self->frame = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, (gsize) width * 4);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->frame));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "starting") == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "live");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.take", TRUE);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  ComptoirCameraWindow *self = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &error, &debug);
      g_debug ("Camera error: %s (%s)", error->message, debug ? debug : "");
      show_error (self, _("Check that the camera is plugged in and that no other application is using it, then try again."));
      if (self->pipeline != NULL)
        gst_element_set_state (self->pipeline, GST_STATE_NULL);
      self->bus_watch = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Streaming thread */

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  ComptoirCameraWindow *self = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  GstStructure *structure;
  GstBuffer *buffer;
  GstMapInfo map;
  int width = 0, height = 0;

  if (sample == NULL)
    return GST_FLOW_EOS;

  structure = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
  buffer = gst_sample_get_buffer (sample);
  if (gst_structure_get_int (structure, "width", &width)
      && gst_structure_get_int (structure, "height", &height)
      && width > 0 && height > 0
      && buffer != NULL
      && gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      /* RGBA rows are 4-byte aligned already: the stride is width × 4. */
      if (map.size >= (gsize) width * height * 4)
        {
          g_mutex_lock (&self->lock);
          g_clear_pointer (&self->next_frame, g_bytes_unref);
          self->next_frame = g_bytes_new (map.data, (gsize) width * height * 4);
          self->next_width = width;
          self->next_height = height;
          if (self->frame_idle == 0)
            self->frame_idle = g_idle_add (show_frame_cb, self);
          g_mutex_unlock (&self->lock);
        }
      gst_buffer_unmap (buffer, &map);
    }
  gst_sample_unref (sample);
  return GST_FLOW_OK;
}

/* @camera_source: the element reading the camera, such as "v4l2src" */
static void
start_pipeline (ComptoirCameraWindow *self,
                const char           *camera_source)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  const char *source = g_getenv ("COMPTOIR_CAMERA_SOURCE");
  GstAppSinkCallbacks callbacks = { .new_sample = new_sample_cb };

  g_free (self->camera_source);
  self->camera_source = g_strdup (camera_source);

  if (!gst_init_check (NULL, NULL, &error))
    {
      g_debug ("GStreamer: %s", error->message);
      show_error (self, _("The camera support of this computer is not working."));
      return;
    }

  description = g_strdup_printf ("%s ! videoconvert ! video/x-raw,format=RGBA "
                                 "! appsink name=sink max-buffers=1 drop=true sync=false",
                                 source != NULL ? source : camera_source);
  self->pipeline = gst_parse_launch (description, &error);
  if (self->pipeline == NULL || error != NULL)
    {
      g_debug ("Camera pipeline “%s”: %s", description, error ? error->message : "");
      gst_clear_object (&self->pipeline);
      show_error (self, _("No camera was found. Plug in a webcam, then try again."));
      return;
    }

  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    show_error (self, _("Check that the camera is plugged in and that no other application is using it, then try again."));
}

static void
portal_open_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ComptoirCameraWindow *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *camera_source = NULL;
  int fd;

  fd = comptoir_camera_portal_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the window was closed, and may be gone */

  self = COMPTOIR_CAMERA_WINDOW (user_data);
  if (fd < 0)
    {
      g_debug ("Camera portal: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        show_error (self, _("Comptoir is not allowed to use the camera. To allow it, open Settings, "
                            "then Privacy, then Camera, and turn on the switch next to Comptoir. "
                            "Then close this window and try again."));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        show_error (self, _("No camera was found. Plug in a webcam, then try again."));
      else
        show_error (self, _("The system did not give access to the camera. Close this window and try again; "
                            "if it keeps happening, restart the computer."));
      return;
    }

  self->portal_fd = fd;
  /* No node path: pipewiresrc picks the camera the portal exposes. */
  camera_source = g_strdup_printf ("pipewiresrc fd=%d", fd);
  start_pipeline (self, camera_source);
}

/* Actions */

static void
take_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirCameraWindow *self = COMPTOIR_CAMERA_WINDOW (widget);
  g_autoptr(GdkTexture) frame = NULL;

  if (self->frame == NULL)
    return;

  frame = g_object_ref (self->frame);
  stop_pipeline (self);
  g_signal_emit (self, signals[CAPTURED], 0, frame);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Overrides */

static void
comptoir_camera_window_dispose (GObject *object)
{
  ComptoirCameraWindow *self = COMPTOIR_CAMERA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  stop_pipeline (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_CAMERA_WINDOW);
  g_clear_object (&self->frame);

  G_OBJECT_CLASS (comptoir_camera_window_parent_class)->dispose (object);
}

static void
comptoir_camera_window_finalize (GObject *object)
{
  ComptoirCameraWindow *self = COMPTOIR_CAMERA_WINDOW (object);

  g_mutex_clear (&self->lock);
  g_clear_object (&self->cancellable);
  g_free (self->camera_source);

  G_OBJECT_CLASS (comptoir_camera_window_parent_class)->finalize (object);
}

static void
comptoir_camera_window_class_init (ComptoirCameraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_camera_window_dispose;
  object_class->finalize = comptoir_camera_window_finalize;

  /**
   * ComptoirCameraWindow::captured:
   * @frame: the photo taken, a #GdkTexture
   *
   * The merchant took a photo; the window closes.
   */
  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, GDK_TYPE_TEXTURE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-camera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirCameraWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirCameraWindow, picture);
  gtk_widget_class_bind_template_child (widget_class, ComptoirCameraWindow, error_page);

  gtk_widget_class_install_action (widget_class, "camera.take", NULL, take_action);
  gtk_widget_class_install_action (widget_class, "camera.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "camera.cancel", NULL);
}

static void
comptoir_camera_window_init (ComptoirCameraWindow *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->portal_fd = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.take", FALSE);
}

/**
 * comptoir_camera_window_new:
 * @parent: (nullable): the window it is modal to
 *
 * Returns: (transfer none): a new window, already starting the camera
 */
ComptoirCameraWindow *
comptoir_camera_window_new (GtkWindow *parent)
{
  ComptoirCameraWindow *self = g_object_new (COMPTOIR_TYPE_CAMERA_WINDOW, "transient-for", parent, NULL);

  if (comptoir_camera_portal_is_needed ())
    /* No reference held: closing the window cancels the request. */
    comptoir_camera_portal_open_async (self->cancellable, portal_open_cb, self);
  else
    start_pipeline (self, "v4l2src");
  return self;
}

/**
 * comptoir_camera_window_get_camera_source:
 *
 * Returns: (nullable): the GStreamer element the camera is read with
 *   ("v4l2src", or "pipewiresrc fd=N" with the portal's PipeWire remote),
 *   %NULL while the portal is being asked or when it refused
 */
const char *
comptoir_camera_window_get_camera_source (ComptoirCameraWindow *self)
{
  g_return_val_if_fail (COMPTOIR_IS_CAMERA_WINDOW (self), NULL);

  return self->camera_source;
}
