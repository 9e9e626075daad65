"""The jobs part of the app's window, by role.

* :mod:`.service`: the QObject adapter over :mod:`verging_desktop.app_core.jobs_service` (one queue
  per connection, a notifier per store, its signals);
* :mod:`.notify`: desktop notifications when jobs finish, and the tools' badges;
* :mod:`.watcher`: a tab's view of the current queue (record changes as a Qt signal);
* :mod:`.queue_model`, :mod:`.queue_cells`, :mod:`.queue_parts`, :mod:`.queue_panel`: the Job
  Queue panel (the paged table model, its painted cells, its filter boxes and thumbnails, the
  panel with filters and actions, for Verging's and Vimmerse's jobs); :mod:`.dock` holds the
  current queues' panel;
* :mod:`.result_panel`: one job's result in a tool tab (compare view, Save as, Retry).
"""
