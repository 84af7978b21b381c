// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "comptoir-media-store.h"

G_BEGIN_DECLS

void        comptoir_media_texture_load_async  (const char          *hash,
                                                ComptoirMediaKind    kind,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GdkTexture *comptoir_media_texture_load_finish (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
