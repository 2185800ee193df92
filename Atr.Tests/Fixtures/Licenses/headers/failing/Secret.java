/*
 * Copyright (c) 2020 Example Corporation. All rights reserved.
 * EXAMPLE CORPORATION PROPRIETARY/CONFIDENTIAL.
 */
package com.example.secret;

public class Secret {
}
