#!/bin/sh
echo "legacy deploy"
