// Generated from openapi.yaml by scripts/lib/openapi-to-ts.js; do not edit. A test checks they agree.
export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "intent",
    "version": "1",
    "description": "Cairn's environment registry. Scaffolder actions register the environments their plans produced;\nproduction environments wait for an approver other than the requester; environments with a TTL\nexpire on a schedule (or early, at their owner's request) with a teardown plan. The platform\nconfiguration (policies, size catalog, prices, assumptions) the actions plan with is served here.\n\nEvery route except /health needs Backstage credentials. Times are ISO 8601; costs are USD per month.\n",
    "license": {
      "name": "Apache-2.0"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "components": {
    "parameters": {
      "id": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "The environment's id (a UUID).",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      }
    },
    "schemas": {
      "InferenceSource": {
        "type": "object",
        "required": [
          "file"
        ],
        "properties": {
          "file": {
            "type": "string"
          },
          "line": {
            "type": "integer"
          },
          "excerpt": {
            "type": "string"
          }
        }
      },
      "InferredField": {
        "type": "object",
        "required": [
          "value",
          "confidence",
          "sources",
          "reason"
        ],
        "properties": {
          "value": {},
          "confidence": {
            "type": "string",
            "enum": [
              "high",
              "medium",
              "low"
            ]
          },
          "sources": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/InferenceSource"
            }
          },
          "reason": {
            "type": "string"
          }
        }
      },
      "IntentInference": {
        "type": "object",
        "required": [
          "services",
          "notes",
          "unknowns",
          "filesRead"
        ],
        "properties": {
          "workloadType": {
            "$ref": "#/components/schemas/InferredField"
          },
          "port": {
            "$ref": "#/components/schemas/InferredField"
          },
          "runtime": {
            "$ref": "#/components/schemas/InferredField"
          },
          "schedule": {
            "$ref": "#/components/schemas/InferredField"
          },
          "services": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/InferredField"
            }
          },
          "provider": {
            "$ref": "#/components/schemas/InferredField"
          },
          "region": {
            "$ref": "#/components/schemas/InferredField"
          },
          "instances": {
            "$ref": "#/components/schemas/InferredField"
          },
          "size": {
            "$ref": "#/components/schemas/InferredField"
          },
          "notes": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "message",
                "sources"
              ],
              "properties": {
                "message": {
                  "type": "string"
                },
                "sources": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/InferenceSource"
                  }
                }
              }
            }
          },
          "unknowns": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "The intent fields no file speaks of, for the form to ask."
          },
          "filesRead": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "HealthReport": {
        "type": "object",
        "required": [
          "status",
          "checks"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "unavailable"
            ]
          },
          "checks": {
            "type": "object",
            "additionalProperties": {
              "type": "object",
              "required": [
                "status"
              ],
              "properties": {
                "status": {
                  "type": "string",
                  "enum": [
                    "ok",
                    "unavailable"
                  ]
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Status": {
        "type": "string",
        "enum": [
          "awaiting-approval",
          "active",
          "expired"
        ]
      },
      "EnvironmentKind": {
        "type": "string",
        "enum": [
          "preview",
          "dev",
          "staging",
          "prod"
        ]
      },
      "ReviewLink": {
        "type": "object",
        "required": [
          "url",
          "title"
        ],
        "properties": {
          "url": {
            "type": "string"
          },
          "title": {
            "type": "string"
          }
        }
      },
      "EnvironmentSummary": {
        "type": "object",
        "required": [
          "id",
          "name",
          "environment",
          "owner",
          "requester",
          "status",
          "createdAt",
          "updatedAt",
          "monthlyCostLowUsd",
          "monthlyCostHighUsd",
          "priceTableVersion",
          "policyPackVersion",
          "platformVersion",
          "intentSha256",
          "bundleSha256",
          "policies",
          "reviewLinks"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string",
            "description": "The intent's metadata.name."
          },
          "environment": {
            "$ref": "#/components/schemas/EnvironmentKind"
          },
          "owner": {
            "type": "string",
            "description": "Entity ref of the owning group."
          },
          "requester": {
            "type": "string",
            "description": "Entity ref of the user who registered it (the scaffolder task's initiator)."
          },
          "system": {
            "type": "string"
          },
          "description": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/Status"
          },
          "createdAt": {
            "type": "string"
          },
          "updatedAt": {
            "type": "string"
          },
          "expiresAt": {
            "type": "string"
          },
          "monthlyCostLowUsd": {
            "type": "number"
          },
          "monthlyCostHighUsd": {
            "type": "number"
          },
          "priceTableVersion": {
            "type": "string"
          },
          "policyPackVersion": {
            "type": "string"
          },
          "platformVersion": {
            "type": "string",
            "description": "SHA-256 of the platform configuration the plan was made with."
          },
          "intentSha256": {
            "type": "string"
          },
          "bundleSha256": {
            "type": "string"
          },
          "policies": {
            "type": "object",
            "required": [
              "passed",
              "violations",
              "warnings"
            ],
            "properties": {
              "passed": {
                "type": "boolean"
              },
              "violations": {
                "type": "integer"
              },
              "warnings": {
                "type": "integer"
              }
            }
          },
          "reviewLinks": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReviewLink"
            }
          },
          "approvedBy": {
            "type": "string"
          },
          "approvedAt": {
            "type": "string"
          },
          "taskId": {
            "type": "string"
          },
          "revision": {
            "type": "integer",
            "description": "The version of its plan that is live (1 at registration; each applied change adds one)."
          },
          "pendingRevision": {
            "type": "integer",
            "description": "A day-2 change of a production environment waiting for its approval."
          },
          "resourceStates": {
            "type": "object",
            "description": "On list entries only: how many of the environment's stored resources are in each state,\ne.g. { healthy: 1, awaiting-provisioner: 2 }. Services never provisioned are not counted.\n",
            "additionalProperties": {
              "type": "integer"
            }
          }
        }
      },
      "EnvironmentEvent": {
        "type": "object",
        "required": [
          "type",
          "at",
          "actor",
          "toStatus"
        ],
        "properties": {
          "type": {
            "type": "string",
            "description": "requested, approved, teardown-requested, expired, ..."
          },
          "at": {
            "type": "string"
          },
          "actor": {
            "type": "string"
          },
          "fromStatus": {
            "$ref": "#/components/schemas/Status"
          },
          "toStatus": {
            "$ref": "#/components/schemas/Status"
          },
          "message": {
            "type": "string"
          }
        }
      },
      "TeardownPlan": {
        "type": "object",
        "required": [
          "reason",
          "createdAt",
          "steps",
          "resources"
        ],
        "properties": {
          "reason": {
            "type": "string",
            "enum": [
              "ttl",
              "requested"
            ]
          },
          "createdAt": {
            "type": "string"
          },
          "steps": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "resources": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "FileInfo": {
        "type": "object",
        "required": [
          "path",
          "sha256",
          "bytes"
        ],
        "properties": {
          "path": {
            "type": "string"
          },
          "sha256": {
            "type": "string"
          },
          "bytes": {
            "type": "integer"
          }
        }
      },
      "EnvironmentDetails": {
        "allOf": [
          {
            "$ref": "#/components/schemas/EnvironmentSummary"
          },
          {
            "type": "object",
            "required": [
              "intent",
              "plan",
              "cost",
              "policyReport",
              "planMarkdown",
              "bundleManifest",
              "files",
              "history"
            ],
            "properties": {
              "intent": {
                "type": "object",
                "description": "The intent with defaults applied (see the intent-common README)."
              },
              "plan": {
                "type": "object",
                "description": "The provider-neutral plan with explanations and its 10× and 100× scales."
              },
              "cost": {
                "type": "object",
                "description": "The monthly cost at 1×, 10× and 100×, per line, with the price table version."
              },
              "policyReport": {
                "type": "object",
                "description": "Every guardrail's result."
              },
              "planMarkdown": {
                "type": "string",
                "description": "PLAN.md."
              },
              "bundleManifest": {
                "type": "object",
                "description": "The generated files with their SHA-256 hashes."
              },
              "files": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/FileInfo"
                }
              },
              "teardownPlan": {
                "$ref": "#/components/schemas/TeardownPlan"
              },
              "history": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/EnvironmentEvent"
                }
              },
              "resources": {
                "type": "array",
                "description": "The environment's data services and where each stands; no secrets.",
                "items": {
                  "$ref": "#/components/schemas/Resource"
                }
              }
            }
          }
        ]
      },
      "Resource": {
        "type": "object",
        "required": [
          "service",
          "state",
          "updatedAt"
        ],
        "properties": {
          "service": {
            "type": "string",
            "enum": [
              "postgres",
              "redis",
              "queue",
              "objectStorage",
              "cdn"
            ]
          },
          "provisioner": {
            "type": "string",
            "description": "The id of the provisioner that applies it, e.g. shared-postgres."
          },
          "state": {
            "type": "string",
            "enum": [
              "awaiting-provisioner",
              "provisioning",
              "healthy",
              "unhealthy",
              "missing",
              "failed",
              "tearing-down",
              "torn-down"
            ]
          },
          "detail": {
            "type": "string",
            "description": "What to configure when awaiting a provisioner, or the failure reason, or what the last check found."
          },
          "host": {
            "type": "string"
          },
          "port": {
            "type": "integer"
          },
          "database": {
            "type": "string"
          },
          "keyPrefix": {
            "type": "string"
          },
          "username": {
            "type": "string"
          },
          "checkedAt": {
            "type": "string"
          },
          "updatedAt": {
            "type": "string"
          }
        }
      },
      "Credentials": {
        "type": "object",
        "required": [
          "service",
          "username",
          "password",
          "host",
          "port"
        ],
        "properties": {
          "service": {
            "type": "string"
          },
          "username": {
            "type": "string"
          },
          "password": {
            "type": "string"
          },
          "host": {
            "type": "string"
          },
          "port": {
            "type": "integer"
          },
          "database": {
            "type": "string"
          },
          "keyPrefix": {
            "type": "string"
          },
          "connectionString": {
            "type": "string"
          }
        }
      },
      "RegisterRequest": {
        "type": "object",
        "required": [
          "intent",
          "plannedAt",
          "bundleSha256"
        ],
        "additionalProperties": false,
        "properties": {
          "intent": {
            "description": "The intent as planned, as YAML text or an object."
          },
          "plannedAt": {
            "type": "string",
            "description": "The time the plan was made with; it fixes the expiry and hence the bundle."
          },
          "bundleSha256": {
            "type": "string",
            "description": "The bundle hash the plan produced; a different one now is a 409."
          },
          "system": {
            "type": "string"
          },
          "reviewUrl": {
            "type": "string"
          },
          "taskId": {
            "type": "string"
          },
          "idempotencyKey": {
            "type": "string",
            "description": "The same key returns the environment it registered first (task retries)."
          },
          "change": {
            "type": "boolean",
            "description": "A day-2 change: when a live environment of the intent's name and kind exists, the intent becomes its next version (applied in place; for production after approval) instead of a 409."
          },
          "basedOnRevision": {
            "type": "integer",
            "minimum": 1,
            "description": "For a change: the live version its diff was reviewed against; a 409 when the environment has moved on since."
          }
        }
      },
      "PlanDiff": {
        "type": "object",
        "description": "What a changed intent changes in a live environment: generated resources added, removed or changed, data services added, removed and kept (a kept one keeps its data), each size that moves, the monthly cost before and after, and each guardrail whose verdict moves.",
        "required": [
          "resources",
          "services",
          "sizes",
          "cost",
          "policies"
        ],
        "properties": {
          "resources": {
            "type": "object",
            "required": [
              "added",
              "removed",
              "changed"
            ],
            "properties": {
              "added": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "removed": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "changed": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "services": {
            "type": "object",
            "required": [
              "added",
              "removed",
              "kept"
            ],
            "properties": {
              "added": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "removed": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "kept": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "sizes": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "path"
              ],
              "properties": {
                "path": {
                  "type": "string"
                },
                "from": {},
                "to": {}
              }
            }
          },
          "cost": {
            "type": "object",
            "required": [
              "fromLowUsd",
              "fromHighUsd",
              "toLowUsd",
              "toHighUsd"
            ],
            "properties": {
              "fromLowUsd": {
                "type": "number"
              },
              "fromHighUsd": {
                "type": "number"
              },
              "toLowUsd": {
                "type": "number"
              },
              "toHighUsd": {
                "type": "number"
              }
            }
          },
          "policies": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "policyId"
              ],
              "properties": {
                "policyId": {
                  "type": "string"
                },
                "from": {
                  "type": "string"
                },
                "to": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Revision": {
        "type": "object",
        "required": [
          "revision",
          "status",
          "requester",
          "createdAt",
          "intentSha256",
          "bundleSha256",
          "monthlyCostLowUsd",
          "monthlyCostHighUsd",
          "policies"
        ],
        "properties": {
          "revision": {
            "type": "integer"
          },
          "status": {
            "type": "string",
            "enum": [
              "applied",
              "awaiting-approval",
              "superseded"
            ]
          },
          "requester": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "appliedAt": {
            "type": "string"
          },
          "approvedBy": {
            "type": "string"
          },
          "intentSha256": {
            "type": "string"
          },
          "bundleSha256": {
            "type": "string"
          },
          "monthlyCostLowUsd": {
            "type": "number"
          },
          "monthlyCostHighUsd": {
            "type": "number"
          },
          "policies": {
            "type": "object",
            "required": [
              "passed",
              "violations",
              "warnings"
            ],
            "properties": {
              "passed": {
                "type": "boolean"
              },
              "violations": {
                "type": "integer"
              },
              "warnings": {
                "type": "integer"
              }
            }
          },
          "diff": {
            "$ref": "#/components/schemas/PlanDiff"
          },
          "taskId": {
            "type": "string"
          }
        }
      },
      "RegisterResponse": {
        "type": "object",
        "required": [
          "environment",
          "created"
        ],
        "properties": {
          "environment": {
            "$ref": "#/components/schemas/EnvironmentSummary"
          },
          "created": {
            "type": "boolean"
          },
          "revision": {
            "$ref": "#/components/schemas/Revision"
          }
        }
      },
      "ApproveRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "revision": {
            "type": "integer",
            "minimum": 1,
            "description": "The version being approved; a 409 when another one waits by then. Without it, the first version or the change that waits is approved."
          },
          "reviewUrl": {
            "type": "string",
            "description": "The review that approved it, e.g. a merged pull request."
          },
          "comment": {
            "type": "string"
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          }
        }
      }
    },
    "responses": {
      "Error": {
        "description": "An error, named by its type (InputError, NotAllowedError, NotFoundError, ConflictError).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  },
  "paths": {
    "/health": {
      "get": {
        "operationId": "Health",
        "description": "Readiness, the only route without credentials: 200 when the intent database answers (within\n2 s), otherwise 503 with `Retry-After`. No hosts, ports or credentials are named.\n",
        "responses": {
          "200": {
            "description": "The plugin and its database answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthReport"
                }
              }
            }
          },
          "503": {
            "description": "The database did not answer.",
            "headers": {
              "Retry-After": {
                "schema": {
                  "type": "integer"
                },
                "description": "Seconds to wait before asking again."
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthReport"
                }
              }
            }
          }
        }
      }
    },
    "/v1/platform": {
      "get": {
        "operationId": "GetPlatformConfig",
        "description": "The platform configuration (assumptions, size catalog, price table, policy pack) and its version.",
        "responses": {
          "200": {
            "description": "The configuration.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "version",
                    "config",
                    "overrides"
                  ],
                  "properties": {
                    "version": {
                      "type": "string"
                    },
                    "config": {
                      "type": "object"
                    },
                    "overrides": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/inference": {
      "post": {
        "operationId": "InferIntent",
        "description": "Proposes an intent from what a repository declares (Dockerfile, dependencies, compose files, .env examples, Spring configuration, Terraform, Kubernetes manifests). The repository is read through the portal's URL readers, as the scaffolder's fetch:plain reads it. Every proposed field carries the files and lines it came from and a confidence; what no file says is listed in unknowns. Signed-in users with intent.environment.read. 400 when no integration reads the URL, 404 when it names no repository, 503 with Retry-After when the host fails.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "url"
                ],
                "properties": {
                  "url": {
                    "type": "string",
                    "minLength": 8,
                    "maxLength": 2048,
                    "description": "The repository (or a folder of it), e.g. https://github.com/org/repo/tree/main"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The proposal.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IntentInference"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/requests/check": {
      "post": {
        "operationId": "CheckEnvironmentRequest",
        "description": "Whether the caller may request this intent, as registration will check it: the owning group exists in the catalog and the caller belongs to it (or to the platform team, answered as actingFor), and a named approver is a user of the catalog. The plan action asks it, so a plan fails before anything is registered. Nothing is stored.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "intent"
                ],
                "properties": {
                  "intent": {
                    "description": "The intent (YAML text or an object)."
                  },
                  "change": {
                    "type": "boolean",
                    "description": "Also answer what the intent changes in the live environment of its name and kind."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The caller may request it.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "owner"
                  ],
                  "properties": {
                    "owner": {
                      "type": "string"
                    },
                    "actingFor": {
                      "type": "string",
                      "description": "The owning group a platform team member would request for."
                    },
                    "change": {
                      "type": "object",
                      "description": "With change, when a live environment of this name and kind exists.",
                      "required": [
                        "environmentId",
                        "revision",
                        "diff"
                      ],
                      "properties": {
                        "environmentId": {
                          "type": "string"
                        },
                        "revision": {
                          "type": "integer"
                        },
                        "diff": {
                          "$ref": "#/components/schemas/PlanDiff"
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments": {
      "get": {
        "operationId": "ListEnvironments",
        "description": "Registered environments, newest first. Needs intent.environment.read.",
        "parameters": [
          {
            "name": "owner",
            "in": "query",
            "allowReserved": true,
            "description": "Entity ref of the owning group.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "status",
            "in": "query",
            "description": "One status or several separated by commas (awaiting-approval, active, expired).",
            "style": "form",
            "explode": false,
            "schema": {
              "type": "array",
              "items": {
                "type": "string",
                "enum": [
                  "awaiting-approval",
                  "active",
                  "expired"
                ]
              }
            }
          },
          {
            "name": "environment",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/EnvironmentKind"
            }
          },
          {
            "name": "expiresBefore",
            "in": "query",
            "allowReserved": true,
            "description": "Only environments expiring before this time (ISO 8601 with a time zone).",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500
            }
          },
          {
            "name": "offset",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 0
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of environments.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items",
                    "totalCount"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/EnvironmentSummary"
                      }
                    },
                    "totalCount": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "operationId": "RegisterEnvironment",
        "description": "Registers an environment from a plan. User credentials only (the user is the requester);\nneeds intent.environment.request.<kind>. The intent is planned again with the platform's data;\na blocked plan is a 400, a different bundle or a live environment of the same name and kind a\n409. Production starts awaiting-approval. With change, a live environment of the same name and\nkind gets the intent as its next version instead (the requester must belong to its owner, which\ndoes not change): applied at once, or for production stored awaiting approval; an intent equal\nto the live one changes nothing (200).\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RegisterRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The idempotency key had registered this environment (or made this change) already, or the change changes nothing.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RegisterResponse"
                }
              }
            }
          },
          "201": {
            "description": "Registered, or a new version made.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RegisterResponse"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}": {
      "get": {
        "operationId": "GetEnvironment",
        "description": "Everything kept about one environment. Needs intent.environment.read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "responses": {
          "200": {
            "description": "The environment.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EnvironmentDetails"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/revisions": {
      "get": {
        "operationId": "ListEnvironmentRevisions",
        "description": "Every version of the environment's plan, newest first, each with its diff against the version live when it was proposed. Needs intent.environment.read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "responses": {
          "200": {
            "description": "The versions.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "environmentId",
                    "items"
                  ],
                  "properties": {
                    "environmentId": {
                      "type": "string"
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Revision"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/file": {
      "get": {
        "operationId": "GetEnvironmentFile",
        "description": "One kept file (PLAN.md, plan.json, terraform/main.tf.json, ...) as text.",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          },
          {
            "name": "path",
            "in": "query",
            "required": true,
            "description": "The file's path in the bundle, as written (slashes need no encoding).",
            "allowReserved": true,
            "schema": {
              "type": "string",
              "minLength": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file's content.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/approve": {
      "post": {
        "operationId": "ApproveEnvironment",
        "description": "Approves a production environment awaiting approval, or the day-2 change of one that waits.\nUser credentials only; needs intent.environment.approve, checked with the approver's own\ncredentials; the requester (of the environment, or of the change) can never approve their own\n(403).\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ApproveRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Approved; the environment is active.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EnvironmentSummary"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/teardown": {
      "post": {
        "operationId": "RequestTeardown",
        "description": "Ends a live environment before its TTL. Members of the owning group and the requester may\n(and services), with intent.environment.teardown. The next expiry run expires it.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The environment, now due for expiry.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EnvironmentSummary"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/extend": {
      "post": {
        "operationId": "ExtendEnvironment",
        "description": "Extends a live environment that expires: it now expires `hours` from now, at most its kind's\nmaximum lifetime (the environment-ttl policy's maxTtlHours). Members of the owning group and the\nrequester (and services), with intent.environment.teardown (both change the environment's\nlifetime). The owner is told again before the new expiry.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "hours"
                ],
                "properties": {
                  "hours": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 87600
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The environment with its new expiry.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EnvironmentSummary"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/provision": {
      "post": {
        "operationId": "ProvisionEnvironment",
        "description": "Applies an active environment's data services with the provisioners configured for its kind\n(intent.provisioning.kinds), idempotently, and checks each with its own credentials. Members of\nthe owning group and the requester (and services) with the environment kind's request\npermission. Services without a provisioner stay awaiting-provisioner.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Every resource after applying and checking it.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "environmentId",
                    "resources"
                  ],
                  "properties": {
                    "environmentId": {
                      "type": "string"
                    },
                    "resources": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Resource"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments/{id}/credentials": {
      "get": {
        "operationId": "GetEnvironmentCredentials",
        "description": "The logins of the environment's provisioned resources. Users only, with intent.credentials.read,\nand only members of the owning group and the requester; audited (without the secrets), never\ncached.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/id"
          }
        ],
        "responses": {
          "200": {
            "description": "The logins.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "credentials"
                  ],
                  "properties": {
                    "credentials": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Credentials"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  }
} as const;
