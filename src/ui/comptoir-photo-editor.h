// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PHOTO_EDITOR (comptoir_photo_editor_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirPhotoEditor, comptoir_photo_editor, COMPTOIR, PHOTO_EDITOR, AdwWindow)

ComptoirPhotoEditor *comptoir_photo_editor_new (GtkWindow     *parent,
                                                ComptoirStore *store,
                                                const char    *hash);

G_END_DECLS
