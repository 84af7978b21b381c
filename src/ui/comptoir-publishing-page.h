// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "comptoir-store.h"
#include "comptoir-sync-engine.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PUBLISHING_PAGE (comptoir_publishing_page_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirPublishingPage, comptoir_publishing_page, COMPTOIR, PUBLISHING_PAGE, GtkWidget)

void comptoir_publishing_page_set_store (ComptoirPublishingPage *self,
                                ComptoirStore *store);

void comptoir_publishing_page_set_engine (ComptoirPublishingPage *self,
                                          ComptoirSyncEngine     *engine);

G_END_DECLS
