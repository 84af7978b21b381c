// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COMPTOIR_TYPE_CAMERA_WINDOW (comptoir_camera_window_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirCameraWindow, comptoir_camera_window, COMPTOIR, CAMERA_WINDOW, AdwWindow)

ComptoirCameraWindow *comptoir_camera_window_new               (GtkWindow            *parent);
const char           *comptoir_camera_window_get_camera_source (ComptoirCameraWindow *self);

G_END_DECLS
