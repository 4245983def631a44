# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Whether to wait until the asynchronous operation has finished (and the resource has reached
        its target state) before returning.
      - With V(false) the module returns as soon as the service has accepted the request, and
        returns its RV(request_id); follow it with M(azure_classic.servicemanagement.operation_info).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait when O(wait=true).
      - When the time is up the module fails, saying that the operation is still in progress and
        naming its request ID; the operation may still finish on the service side.
    type: int
    default: 600
"""
