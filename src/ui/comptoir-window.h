// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_WINDOW (comptoir_window_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirWindow, comptoir_window, COMPTOIR, WINDOW, AdwApplicationWindow)

ComptoirWindow *comptoir_window_new              (AdwApplication *application,
                                                  ComptoirStore  *store);
void            comptoir_window_show_section     (ComptoirWindow *self,
                                                  const char     *section);
const char     *comptoir_window_get_section      (ComptoirWindow *self);
void            comptoir_window_add_toast        (ComptoirWindow *self,
                                                  AdwToast       *toast);

G_END_DECLS
