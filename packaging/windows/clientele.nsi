; Clientele's Windows installer (NSIS 3, Unicode, Modern UI 2), English and Simplified Chinese.
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\Clientele; Start menu and desktop shortcuts; an uninstaller listed in
; "Apps & features"; .clientele project files open in Clientele.
;
; Built by packaging/build.py:
;   makensis /DVERSION=0.1.0 /DVERSION_NUMERIC=0.1.0.0 /DSOURCE_DIR=dist\Clientele
;            /DOUTFILE=dist\Clientele-0.1.0-setup.exe /DICON=resources\icons\clientele.ico clientele.nsi

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined (use /DVERSION=x.y.z)"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "0.0.0.0"
!endif
!ifndef SOURCE_DIR
  !error "SOURCE_DIR is not defined (the PyInstaller bundle folder, dist\Clientele)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Clientele-${VERSION}-setup.exe"
!endif

!define APP_NAME "Clientele"
!define APP_EXE "clientele.exe"
!define APP_ID "Clientele"
!define PROG_ID "Clientele.Project"
!define PROJECT_EXT ".clientele"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${APP_ID}" "InstallDir"
RequestExecutionLevel user
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Clientele developers, MIT licence"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString RunApp ${LANG_ENGLISH} "Open Clientele now"
LangString RunApp ${LANG_SIMPCHINESE} "现在打开 Clientele"
LangString ProjectType ${LANG_ENGLISH} "Clientele project"
LangString ProjectType ${LANG_SIMPCHINESE} "Clientele 项目"
LangString StillRunning ${LANG_ENGLISH} "Clientele is still open. Close it, then click OK."
LangString StillRunning ${LANG_SIMPCHINESE} "Clientele 仍在运行。请先关闭它，再点“确定”。"
LangString UninstallName ${LANG_ENGLISH} "Uninstall Clientele"
LangString UninstallName ${LANG_SIMPCHINESE} "卸载 Clientele"

; No language question: NSIS picks Simplified Chinese on a Chinese Windows, English elsewhere.

; The bundle's files cannot be replaced while the app runs: ask the user to close it.
!macro WaitUntilClosed
  retry:
  ClearErrors
  IfFileExists "$INSTDIR\${APP_EXE}" 0 done
  FileOpen $0 "$INSTDIR\${APP_EXE}" a
  IfErrors 0 closed
  MessageBox MB_OKCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" IDOK retry
  Abort
  closed:
  FileClose $0
  done:
!macroend

Section "Clientele" SecMain
  SectionIn RO
  SetShellVarContext current
  !insertmacro WaitUntilClosed

  ; an upgrade replaces the whole bundle, so no file of the old version is left behind
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\$(UninstallName).lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; project files: per-user class registration (HKCU\Software\Classes), no admin rights needed
  WriteRegStr HKCU "Software\Classes\${PROJECT_EXT}" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "$(ProjectType)"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  ; tell Explorer that file associations changed (SHCNE_ASSOCCHANGED)
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; "Apps & features"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Clientele developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WaitUntilClosed

  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"

  ; remove the file type only while it still points to this installation
  ReadRegStr $0 HKCU "Software\Classes\${PROJECT_EXT}" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\${PROJECT_EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_ID}"

  ; only what the installer put there: the user's projects and exports live elsewhere
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
